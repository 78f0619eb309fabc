// Path parameters shared by the REST endpoints. Loose on purpose: a name that cannot exist is a 404
// from the service, like any other unknown name.
import { z } from "zod";

const segment = (description: string) => z.string().min(1).max(200).describe(description);

export const orgParam = segment("The organization's slug.");
export const teamParam = segment("The team's name.");
export const serviceAccountParam = segment("The service account's name (unique within its team).");
export const projectParam = segment("The project's name.");
export const keyIdParam = segment("The key ID (the public part of a key, e.g. `stw_sa-AbCdEf123456`).");
