// The parsed-document cache of POST /graphql: a document is parsed and validated once, bad ones
// are refused every time, and the cache stays bounded.
import { describe, expect, it } from "vitest";
import { checkedDocument } from "./graphql";

describe("GraphQL document cache", () => {
  it("parses and validates a document once, then reuses it", () => {
    const first = checkedDocument("query Viewer { viewer { id username } }");
    const again = checkedDocument("query Viewer { viewer { id username } }");
    expect("document" in first && "document" in again).toBe(true);
    expect(again).toStrictEqual(first);
    if ("document" in first && "document" in again) expect(again.document).toBe(first.document);
  });

  it("refuses a bad document every time, with the parser's or validator's message", () => {
    for (let i = 0; i < 2; i++) {
      expect(checkedDocument("query { viewer { ")).toMatchObject({ errors: [{ message: /Syntax Error/ }] });
      expect(checkedDocument("query { noSuchField }")).toMatchObject({
        errors: [{ message: /Cannot query field "noSuchField"/ }],
      });
    }
  });

  it("keeps at most 200 documents, dropping the least recently used", () => {
    const doc = (n: number) => `query Q${n} { viewer { id } }`;
    const parsed = (n: number) => {
      const checked = checkedDocument(doc(n));
      if (!("document" in checked)) throw new Error(`Q${n} was refused`);
      return checked.document;
    };
    const zero = parsed(0);
    const one = parsed(1);
    for (let n = 2; n <= 250; n++) {
      parsed(n);
      if (n % 50 === 0) parsed(0); // used recently: stays
    }
    expect(parsed(0)).toBe(zero);
    expect(parsed(1)).not.toBe(one); // parsed again: it had been dropped
  });
});
