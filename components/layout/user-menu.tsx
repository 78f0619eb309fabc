"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { startTransition } from "react";
import { signOutAction } from "@/app/sign-in/actions";

export function UserMenu({
  username,
  displayName,
  email,
}: {
  username: string;
  displayName: string;
  email: string;
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex items-center gap-2 rounded-full border border-slate-200 py-1 pr-3 pl-1 text-sm hover:bg-slate-50"
        aria-label={`Account menu for ${username}`}
      >
        <span
          aria-hidden
          className="grid size-7 place-items-center rounded-full bg-slate-200 font-medium uppercase"
        >
          {username.slice(0, 1)}
        </span>
        <span className="font-medium">{username}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-50 min-w-56 rounded-lg border border-slate-200 bg-white p-1 text-sm shadow-lg"
        >
          <div className="px-3 py-2">
            <p className="font-medium">{displayName || username}</p>
            <p className="text-slate-500">{email}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-slate-200" />
          <DropdownMenu.Item asChild>
            <Link
              href="/settings"
              className="block w-full cursor-pointer rounded px-3 py-2 text-left outline-none data-highlighted:bg-slate-100"
            >
              Settings
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link
              href="/api-docs"
              className="block w-full cursor-pointer rounded px-3 py-2 text-left outline-none data-highlighted:bg-slate-100"
            >
              REST API
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            // The menu unmounts on select, so a <form> inside it would never submit: call the action.
            onSelect={() =>
              startTransition(async () => {
                await signOutAction(undefined, {});
              })
            }
            className="w-full cursor-pointer rounded px-3 py-2 text-left outline-none data-highlighted:bg-slate-100"
          >
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
