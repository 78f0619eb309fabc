// The access module's public face: the policy, the role table and the shapes they decide on.
export * from "./permissions";
export * from "./policy";
export type * from "./types";
