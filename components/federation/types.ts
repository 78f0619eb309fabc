// What the Settings tab's federation components receive: plain, serialisable data.
export interface IssuerKey {
  kid: string | null;
  kty: string;
  alg: string | null;
}

export interface IssuerRow {
  url: string;
  audience: string;
  discoveryUrl: string;
  jwksUri: string;
  keys: IssuerKey[];
  /** ISO timestamps. */
  discoveredAt: string;
  createdBy: string | null;
  createdAt: string;
  /** Live service accounts bound to the issuer (they stop working if it is removed). */
  boundServiceAccounts: number;
}
