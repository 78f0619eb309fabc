// SPEC sections 2 and 3 written out case by case, one row per case, so a person can check each row against
// the spec in seconds. matrix.test.ts builds every row's principal and resource and asks the policy.

/*
 * The world every row lives in (the names of SPEC section 3):
 * - P: project "churn-model" of team T ("ml-platform") of org O ("acme", enterprise unless a target says free).
 * - T2 ("research"): another team of O. T3 ("vision"): a team of another org, O2 ("globex", enterprise).
 *
 * Columns:
 * - principal: anon (no credentials) | user (signed in) | user-key (a personal API key) |
 *   sa-team (team-scoped SA, API key) | sa-org (org-scoped SA, API key) | sa-fed (federated team SA, access token)
 * - roles: a user's "<org role>/<team role>", held in the org and team of `home`; "-" for none.
 * - home: "<team>/<org>": where a user holds those roles; a service account's parent or default team, and org.
 * - state (data table): ok | revoked, expired (the key or token) | deactivated, deleted (the SA) |
 *   free (the SA's org is on the free plan)
 * - visibility, on-P (data table): P's visibility; whether the principal is "listed" as a member of P, or its
 *   "owner", or "-" neither.
 * - action: read, write, update_visibility, manage_members mean project.<action> on P; the administration table
 *   names actions in full.
 * - target (administration table): org, team, jwt issuer: O, T and O's issuers; org sa, team sa: a service
 *   account of O whose default or parent team is T; own key, other's key: a personal key of the principal or of
 *   another user; org sa key, team sa key: a key of those SAs; self, other user: a user's own settings. A "free"
 *   target lives in O on the free plan (an SA principal of O is then on the free plan too).
 * - expected: allow | 401 | 403 | 404
 * Lines starting with # group the rows and quote the SPEC row they check.
 */

export const DATA_ACCESS_MATRIX = `
| principal | roles         | home  | state       | visibility | on-P   | action            | expected |

# Anonymous: "R | R | - | -"; an anonymous write is 401, an unreadable project 404.
| anon      | -             | -/-   | ok          | open       | -      | read              | allow    |
| anon      | -             | -/-   | ok          | open       | -      | write             | 401      |
| anon      | -             | -/-   | ok          | public     | -      | read              | allow    |
| anon      | -             | -/-   | ok          | public     | -      | write             | 401      |
| anon      | -             | -/-   | ok          | team       | -      | read              | 404      |
| anon      | -             | -/-   | ok          | team       | -      | write             | 401      |
| anon      | -             | -/-   | ok          | restricted | -      | read              | 404      |
| anon      | -             | -/-   | ok          | restricted | -      | write             | 401      |

# "User, member or admin of T": R W everywhere; restricted only if listed on P.
| user      | member/admin  | T/O   | ok          | open       | -      | read              | allow    |
| user      | member/admin  | T/O   | ok          | open       | -      | write             | allow    |
| user      | member/admin  | T/O   | ok          | open       | listed | read              | allow    |
| user      | member/admin  | T/O   | ok          | open       | listed | write             | allow    |
| user      | member/admin  | T/O   | ok          | public     | -      | read              | allow    |
| user      | member/admin  | T/O   | ok          | public     | -      | write             | allow    |
| user      | member/admin  | T/O   | ok          | public     | listed | read              | allow    |
| user      | member/admin  | T/O   | ok          | public     | listed | write             | allow    |
| user      | member/admin  | T/O   | ok          | team       | -      | read              | allow    |
| user      | member/admin  | T/O   | ok          | team       | -      | write             | allow    |
| user      | member/admin  | T/O   | ok          | team       | listed | read              | allow    |
| user      | member/admin  | T/O   | ok          | team       | listed | write             | allow    |
| user      | member/admin  | T/O   | ok          | restricted | -      | read              | 404      |
| user      | member/admin  | T/O   | ok          | restricted | -      | write             | 404      |
| user      | member/admin  | T/O   | ok          | restricted | listed | read              | allow    |
| user      | member/admin  | T/O   | ok          | restricted | listed | write             | allow    |
| user      | member/member | T/O   | ok          | open       | -      | read              | allow    |
| user      | member/member | T/O   | ok          | open       | -      | write             | allow    |
| user      | member/member | T/O   | ok          | open       | listed | read              | allow    |
| user      | member/member | T/O   | ok          | open       | listed | write             | allow    |
| user      | member/member | T/O   | ok          | public     | -      | read              | allow    |
| user      | member/member | T/O   | ok          | public     | -      | write             | allow    |
| user      | member/member | T/O   | ok          | public     | listed | read              | allow    |
| user      | member/member | T/O   | ok          | public     | listed | write             | allow    |
| user      | member/member | T/O   | ok          | team       | -      | read              | allow    |
| user      | member/member | T/O   | ok          | team       | -      | write             | allow    |
| user      | member/member | T/O   | ok          | team       | listed | read              | allow    |
| user      | member/member | T/O   | ok          | team       | listed | write             | allow    |
| user      | member/member | T/O   | ok          | restricted | -      | read              | 404      |
| user      | member/member | T/O   | ok          | restricted | -      | write             | 404      |
| user      | member/member | T/O   | ok          | restricted | listed | read              | allow    |
| user      | member/member | T/O   | ok          | restricted | listed | write             | allow    |

# Org roles do not lower a team role: the most specific row (the role in T) decides.
| user      | admin/admin   | T/O   | ok          | open       | -      | read              | allow    |
| user      | admin/admin   | T/O   | ok          | open       | -      | write             | allow    |
| user      | admin/admin   | T/O   | ok          | open       | listed | read              | allow    |
| user      | admin/admin   | T/O   | ok          | open       | listed | write             | allow    |
| user      | admin/admin   | T/O   | ok          | public     | -      | read              | allow    |
| user      | admin/admin   | T/O   | ok          | public     | -      | write             | allow    |
| user      | admin/admin   | T/O   | ok          | public     | listed | read              | allow    |
| user      | admin/admin   | T/O   | ok          | public     | listed | write             | allow    |
| user      | admin/admin   | T/O   | ok          | team       | -      | read              | allow    |
| user      | admin/admin   | T/O   | ok          | team       | -      | write             | allow    |
| user      | admin/admin   | T/O   | ok          | team       | listed | read              | allow    |
| user      | admin/admin   | T/O   | ok          | team       | listed | write             | allow    |
| user      | admin/admin   | T/O   | ok          | restricted | -      | read              | 404      |
| user      | admin/admin   | T/O   | ok          | restricted | -      | write             | 404      |
| user      | admin/admin   | T/O   | ok          | restricted | listed | read              | allow    |
| user      | admin/admin   | T/O   | ok          | restricted | listed | write             | allow    |
| user      | viewer/member | T/O   | ok          | open       | -      | read              | allow    |
| user      | viewer/member | T/O   | ok          | open       | -      | write             | allow    |
| user      | viewer/member | T/O   | ok          | open       | listed | read              | allow    |
| user      | viewer/member | T/O   | ok          | open       | listed | write             | allow    |
| user      | viewer/member | T/O   | ok          | public     | -      | read              | allow    |
| user      | viewer/member | T/O   | ok          | public     | -      | write             | allow    |
| user      | viewer/member | T/O   | ok          | public     | listed | read              | allow    |
| user      | viewer/member | T/O   | ok          | public     | listed | write             | allow    |
| user      | viewer/member | T/O   | ok          | team       | -      | read              | allow    |
| user      | viewer/member | T/O   | ok          | team       | -      | write             | allow    |
| user      | viewer/member | T/O   | ok          | team       | listed | read              | allow    |
| user      | viewer/member | T/O   | ok          | team       | listed | write             | allow    |
| user      | viewer/member | T/O   | ok          | restricted | -      | read              | 404      |
| user      | viewer/member | T/O   | ok          | restricted | -      | write             | 404      |
| user      | viewer/member | T/O   | ok          | restricted | listed | read              | allow    |
| user      | viewer/member | T/O   | ok          | restricted | listed | write             | allow    |

# "User, viewer of T": R only (restricted: R only if listed). Viewers never write: 403 where readable.
| user      | member/viewer | T/O   | ok          | open       | -      | read              | allow    |
| user      | member/viewer | T/O   | ok          | open       | -      | write             | 403      |
| user      | member/viewer | T/O   | ok          | open       | listed | read              | allow    |
| user      | member/viewer | T/O   | ok          | open       | listed | write             | 403      |
| user      | member/viewer | T/O   | ok          | public     | -      | read              | allow    |
| user      | member/viewer | T/O   | ok          | public     | -      | write             | 403      |
| user      | member/viewer | T/O   | ok          | public     | listed | read              | allow    |
| user      | member/viewer | T/O   | ok          | public     | listed | write             | 403      |
| user      | member/viewer | T/O   | ok          | team       | -      | read              | allow    |
| user      | member/viewer | T/O   | ok          | team       | -      | write             | 403      |
| user      | member/viewer | T/O   | ok          | team       | listed | read              | allow    |
| user      | member/viewer | T/O   | ok          | team       | listed | write             | 403      |
| user      | member/viewer | T/O   | ok          | restricted | -      | read              | 404      |
| user      | member/viewer | T/O   | ok          | restricted | -      | write             | 404      |
| user      | member/viewer | T/O   | ok          | restricted | listed | read              | allow    |
| user      | member/viewer | T/O   | ok          | restricted | listed | write             | 403      |

# An org admin who is a viewer of T is a viewer of T: the role in T is the more specific row.
| user      | admin/viewer  | T/O   | ok          | open       | -      | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | open       | -      | write             | 403      |
| user      | admin/viewer  | T/O   | ok          | open       | listed | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | open       | listed | write             | 403      |
| user      | admin/viewer  | T/O   | ok          | public     | -      | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | public     | -      | write             | 403      |
| user      | admin/viewer  | T/O   | ok          | public     | listed | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | public     | listed | write             | 403      |
| user      | admin/viewer  | T/O   | ok          | team       | -      | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | team       | -      | write             | 403      |
| user      | admin/viewer  | T/O   | ok          | team       | listed | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | team       | listed | write             | 403      |
| user      | admin/viewer  | T/O   | ok          | restricted | -      | read              | 404      |
| user      | admin/viewer  | T/O   | ok          | restricted | -      | write             | 404      |
| user      | admin/viewer  | T/O   | ok          | restricted | listed | read              | allow    |
| user      | admin/viewer  | T/O   | ok          | restricted | listed | write             | 403      |

# "Org admin of O who is not in T": open R W, public R, team R, restricted data only if listed.
| user      | admin/-       | -/O   | ok          | open       | -      | read              | allow    |
| user      | admin/-       | -/O   | ok          | open       | -      | write             | allow    |
| user      | admin/-       | -/O   | ok          | open       | listed | read              | allow    |
| user      | admin/-       | -/O   | ok          | open       | listed | write             | allow    |
| user      | admin/-       | -/O   | ok          | public     | -      | read              | allow    |
| user      | admin/-       | -/O   | ok          | public     | -      | write             | 403      |
| user      | admin/-       | -/O   | ok          | public     | listed | read              | allow    |
| user      | admin/-       | -/O   | ok          | public     | listed | write             | 403      |
| user      | admin/-       | -/O   | ok          | team       | -      | read              | allow    |
| user      | admin/-       | -/O   | ok          | team       | -      | write             | 403      |
| user      | admin/-       | -/O   | ok          | team       | listed | read              | allow    |
| user      | admin/-       | -/O   | ok          | team       | listed | write             | 403      |
| user      | admin/-       | -/O   | ok          | restricted | -      | read              | 404      |
| user      | admin/-       | -/O   | ok          | restricted | -      | write             | 404      |
| user      | admin/-       | -/O   | ok          | restricted | listed | read              | allow    |
| user      | admin/-       | -/O   | ok          | restricted | listed | write             | allow    |
| user      | admin/member  | T2/O  | ok          | open       | -      | read              | allow    |
| user      | admin/member  | T2/O  | ok          | open       | -      | write             | allow    |
| user      | admin/member  | T2/O  | ok          | open       | listed | read              | allow    |
| user      | admin/member  | T2/O  | ok          | open       | listed | write             | allow    |
| user      | admin/member  | T2/O  | ok          | public     | -      | read              | allow    |
| user      | admin/member  | T2/O  | ok          | public     | -      | write             | 403      |
| user      | admin/member  | T2/O  | ok          | public     | listed | read              | allow    |
| user      | admin/member  | T2/O  | ok          | public     | listed | write             | 403      |
| user      | admin/member  | T2/O  | ok          | team       | -      | read              | allow    |
| user      | admin/member  | T2/O  | ok          | team       | -      | write             | 403      |
| user      | admin/member  | T2/O  | ok          | team       | listed | read              | allow    |
| user      | admin/member  | T2/O  | ok          | team       | listed | write             | 403      |
| user      | admin/member  | T2/O  | ok          | restricted | -      | read              | 404      |
| user      | admin/member  | T2/O  | ok          | restricted | -      | write             | 404      |
| user      | admin/member  | T2/O  | ok          | restricted | listed | read              | allow    |
| user      | admin/member  | T2/O  | ok          | restricted | listed | write             | allow    |

# "Any valid user key ... with no more specific row": open R W, public R, else nothing (404).
# A listing on a restricted project counts only for members of T and org admins of O.
| user      | member/-      | -/O   | ok          | open       | -      | read              | allow    |
| user      | member/-      | -/O   | ok          | open       | -      | write             | allow    |
| user      | member/-      | -/O   | ok          | open       | listed | read              | allow    |
| user      | member/-      | -/O   | ok          | open       | listed | write             | allow    |
| user      | member/-      | -/O   | ok          | public     | -      | read              | allow    |
| user      | member/-      | -/O   | ok          | public     | -      | write             | 403      |
| user      | member/-      | -/O   | ok          | public     | listed | read              | allow    |
| user      | member/-      | -/O   | ok          | public     | listed | write             | 403      |
| user      | member/-      | -/O   | ok          | team       | -      | read              | 404      |
| user      | member/-      | -/O   | ok          | team       | -      | write             | 404      |
| user      | member/-      | -/O   | ok          | team       | listed | read              | 404      |
| user      | member/-      | -/O   | ok          | team       | listed | write             | 404      |
| user      | member/-      | -/O   | ok          | restricted | -      | read              | 404      |
| user      | member/-      | -/O   | ok          | restricted | -      | write             | 404      |
| user      | member/-      | -/O   | ok          | restricted | listed | read              | 404      |
| user      | member/-      | -/O   | ok          | restricted | listed | write             | 404      |
| user      | member/admin  | T2/O  | ok          | open       | -      | read              | allow    |
| user      | member/admin  | T2/O  | ok          | open       | -      | write             | allow    |
| user      | member/admin  | T2/O  | ok          | open       | listed | read              | allow    |
| user      | member/admin  | T2/O  | ok          | open       | listed | write             | allow    |
| user      | member/admin  | T2/O  | ok          | public     | -      | read              | allow    |
| user      | member/admin  | T2/O  | ok          | public     | -      | write             | 403      |
| user      | member/admin  | T2/O  | ok          | public     | listed | read              | allow    |
| user      | member/admin  | T2/O  | ok          | public     | listed | write             | 403      |
| user      | member/admin  | T2/O  | ok          | team       | -      | read              | 404      |
| user      | member/admin  | T2/O  | ok          | team       | -      | write             | 404      |
| user      | member/admin  | T2/O  | ok          | team       | listed | read              | 404      |
| user      | member/admin  | T2/O  | ok          | team       | listed | write             | 404      |
| user      | member/admin  | T2/O  | ok          | restricted | -      | read              | 404      |
| user      | member/admin  | T2/O  | ok          | restricted | -      | write             | 404      |
| user      | member/admin  | T2/O  | ok          | restricted | listed | read              | 404      |
| user      | member/admin  | T2/O  | ok          | restricted | listed | write             | 404      |
| user      | admin/-       | -/O2  | ok          | open       | -      | read              | allow    |
| user      | admin/-       | -/O2  | ok          | open       | -      | write             | allow    |
| user      | admin/-       | -/O2  | ok          | open       | listed | read              | allow    |
| user      | admin/-       | -/O2  | ok          | open       | listed | write             | allow    |
| user      | admin/-       | -/O2  | ok          | public     | -      | read              | allow    |
| user      | admin/-       | -/O2  | ok          | public     | -      | write             | 403      |
| user      | admin/-       | -/O2  | ok          | public     | listed | read              | allow    |
| user      | admin/-       | -/O2  | ok          | public     | listed | write             | 403      |
| user      | admin/-       | -/O2  | ok          | team       | -      | read              | 404      |
| user      | admin/-       | -/O2  | ok          | team       | -      | write             | 404      |
| user      | admin/-       | -/O2  | ok          | team       | listed | read              | 404      |
| user      | admin/-       | -/O2  | ok          | team       | listed | write             | 404      |
| user      | admin/-       | -/O2  | ok          | restricted | -      | read              | 404      |
| user      | admin/-       | -/O2  | ok          | restricted | -      | write             | 404      |
| user      | admin/-       | -/O2  | ok          | restricted | listed | read              | 404      |
| user      | admin/-       | -/O2  | ok          | restricted | listed | write             | 404      |
| user      | member/admin  | T3/O2 | ok          | open       | -      | read              | allow    |
| user      | member/admin  | T3/O2 | ok          | open       | -      | write             | allow    |
| user      | member/admin  | T3/O2 | ok          | open       | listed | read              | allow    |
| user      | member/admin  | T3/O2 | ok          | open       | listed | write             | allow    |
| user      | member/admin  | T3/O2 | ok          | public     | -      | read              | allow    |
| user      | member/admin  | T3/O2 | ok          | public     | -      | write             | 403      |
| user      | member/admin  | T3/O2 | ok          | public     | listed | read              | allow    |
| user      | member/admin  | T3/O2 | ok          | public     | listed | write             | 403      |
| user      | member/admin  | T3/O2 | ok          | team       | -      | read              | 404      |
| user      | member/admin  | T3/O2 | ok          | team       | -      | write             | 404      |
| user      | member/admin  | T3/O2 | ok          | team       | listed | read              | 404      |
| user      | member/admin  | T3/O2 | ok          | team       | listed | write             | 404      |
| user      | member/admin  | T3/O2 | ok          | restricted | -      | read              | 404      |
| user      | member/admin  | T3/O2 | ok          | restricted | -      | write             | 404      |
| user      | member/admin  | T3/O2 | ok          | restricted | listed | read              | 404      |
| user      | member/admin  | T3/O2 | ok          | restricted | listed | write             | 404      |
| user      | -/-           | -/-   | ok          | open       | -      | read              | allow    |
| user      | -/-           | -/-   | ok          | open       | -      | write             | allow    |
| user      | -/-           | -/-   | ok          | open       | listed | read              | allow    |
| user      | -/-           | -/-   | ok          | open       | listed | write             | allow    |
| user      | -/-           | -/-   | ok          | public     | -      | read              | allow    |
| user      | -/-           | -/-   | ok          | public     | -      | write             | 403      |
| user      | -/-           | -/-   | ok          | public     | listed | read              | allow    |
| user      | -/-           | -/-   | ok          | public     | listed | write             | 403      |
| user      | -/-           | -/-   | ok          | team       | -      | read              | 404      |
| user      | -/-           | -/-   | ok          | team       | -      | write             | 404      |
| user      | -/-           | -/-   | ok          | team       | listed | read              | 404      |
| user      | -/-           | -/-   | ok          | team       | listed | write             | 404      |
| user      | -/-           | -/-   | ok          | restricted | -      | read              | 404      |
| user      | -/-           | -/-   | ok          | restricted | -      | write             | 404      |
| user      | -/-           | -/-   | ok          | restricted | listed | read              | 404      |
| user      | -/-           | -/-   | ok          | restricted | listed | write             | 404      |

# Decision: an org viewer of O is read-only in O ("viewers never write"), even on open projects.
| user      | viewer/-      | -/O   | ok          | open       | -      | read              | allow    |
| user      | viewer/-      | -/O   | ok          | open       | -      | write             | 403      |
| user      | viewer/-      | -/O   | ok          | open       | listed | read              | allow    |
| user      | viewer/-      | -/O   | ok          | open       | listed | write             | 403      |
| user      | viewer/-      | -/O   | ok          | public     | -      | read              | allow    |
| user      | viewer/-      | -/O   | ok          | public     | -      | write             | 403      |
| user      | viewer/-      | -/O   | ok          | public     | listed | read              | allow    |
| user      | viewer/-      | -/O   | ok          | public     | listed | write             | 403      |
| user      | viewer/-      | -/O   | ok          | team       | -      | read              | 404      |
| user      | viewer/-      | -/O   | ok          | team       | -      | write             | 404      |
| user      | viewer/-      | -/O   | ok          | team       | listed | read              | 404      |
| user      | viewer/-      | -/O   | ok          | team       | listed | write             | 404      |
| user      | viewer/-      | -/O   | ok          | restricted | -      | read              | 404      |
| user      | viewer/-      | -/O   | ok          | restricted | -      | write             | 404      |
| user      | viewer/-      | -/O   | ok          | restricted | listed | read              | 404      |
| user      | viewer/-      | -/O   | ok          | restricted | listed | write             | 404      |

# ... while a viewer of another org is just any signed-in user here.
| user      | viewer/-      | -/O2  | ok          | open       | -      | read              | allow    |
| user      | viewer/-      | -/O2  | ok          | open       | -      | write             | allow    |
| user      | viewer/-      | -/O2  | ok          | open       | listed | read              | allow    |
| user      | viewer/-      | -/O2  | ok          | open       | listed | write             | allow    |
| user      | viewer/-      | -/O2  | ok          | public     | -      | read              | allow    |
| user      | viewer/-      | -/O2  | ok          | public     | -      | write             | 403      |
| user      | viewer/-      | -/O2  | ok          | public     | listed | read              | allow    |
| user      | viewer/-      | -/O2  | ok          | public     | listed | write             | 403      |
| user      | viewer/-      | -/O2  | ok          | team       | -      | read              | 404      |
| user      | viewer/-      | -/O2  | ok          | team       | -      | write             | 404      |
| user      | viewer/-      | -/O2  | ok          | team       | listed | read              | 404      |
| user      | viewer/-      | -/O2  | ok          | team       | listed | write             | 404      |
| user      | viewer/-      | -/O2  | ok          | restricted | -      | read              | 404      |
| user      | viewer/-      | -/O2  | ok          | restricted | -      | write             | 404      |
| user      | viewer/-      | -/O2  | ok          | restricted | listed | read              | 404      |
| user      | viewer/-      | -/O2  | ok          | restricted | listed | write             | 404      |

# Decision: a team role in T without membership of O (stale data) counts for nothing.
| user      | -/member      | T/O   | ok          | open       | -      | read              | allow    |
| user      | -/member      | T/O   | ok          | open       | -      | write             | allow    |
| user      | -/member      | T/O   | ok          | open       | listed | read              | allow    |
| user      | -/member      | T/O   | ok          | open       | listed | write             | allow    |
| user      | -/member      | T/O   | ok          | public     | -      | read              | allow    |
| user      | -/member      | T/O   | ok          | public     | -      | write             | 403      |
| user      | -/member      | T/O   | ok          | public     | listed | read              | allow    |
| user      | -/member      | T/O   | ok          | public     | listed | write             | 403      |
| user      | -/member      | T/O   | ok          | team       | -      | read              | 404      |
| user      | -/member      | T/O   | ok          | team       | -      | write             | 404      |
| user      | -/member      | T/O   | ok          | team       | listed | read              | 404      |
| user      | -/member      | T/O   | ok          | team       | listed | write             | 404      |
| user      | -/member      | T/O   | ok          | restricted | -      | read              | 404      |
| user      | -/member      | T/O   | ok          | restricted | -      | write             | 404      |
| user      | -/member      | T/O   | ok          | restricted | listed | read              | 404      |
| user      | -/member      | T/O   | ok          | restricted | listed | write             | 404      |

# "A personal API key acts as its owner": the same answers as the session rows above.
| user-key  | member/admin  | T/O   | ok          | open       | -      | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | open       | -      | write             | allow    |
| user-key  | member/admin  | T/O   | ok          | open       | listed | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | open       | listed | write             | allow    |
| user-key  | member/admin  | T/O   | ok          | public     | -      | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | public     | -      | write             | allow    |
| user-key  | member/admin  | T/O   | ok          | public     | listed | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | public     | listed | write             | allow    |
| user-key  | member/admin  | T/O   | ok          | team       | -      | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | team       | -      | write             | allow    |
| user-key  | member/admin  | T/O   | ok          | team       | listed | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | team       | listed | write             | allow    |
| user-key  | member/admin  | T/O   | ok          | restricted | -      | read              | 404      |
| user-key  | member/admin  | T/O   | ok          | restricted | -      | write             | 404      |
| user-key  | member/admin  | T/O   | ok          | restricted | listed | read              | allow    |
| user-key  | member/admin  | T/O   | ok          | restricted | listed | write             | allow    |
| user-key  | member/viewer | T/O   | ok          | open       | -      | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | open       | -      | write             | 403      |
| user-key  | member/viewer | T/O   | ok          | open       | listed | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | open       | listed | write             | 403      |
| user-key  | member/viewer | T/O   | ok          | public     | -      | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | public     | -      | write             | 403      |
| user-key  | member/viewer | T/O   | ok          | public     | listed | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | public     | listed | write             | 403      |
| user-key  | member/viewer | T/O   | ok          | team       | -      | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | team       | -      | write             | 403      |
| user-key  | member/viewer | T/O   | ok          | team       | listed | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | team       | listed | write             | 403      |
| user-key  | member/viewer | T/O   | ok          | restricted | -      | read              | 404      |
| user-key  | member/viewer | T/O   | ok          | restricted | -      | write             | 404      |
| user-key  | member/viewer | T/O   | ok          | restricted | listed | read              | allow    |
| user-key  | member/viewer | T/O   | ok          | restricted | listed | write             | 403      |
| user-key  | admin/-       | -/O   | ok          | open       | -      | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | open       | -      | write             | allow    |
| user-key  | admin/-       | -/O   | ok          | open       | listed | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | open       | listed | write             | allow    |
| user-key  | admin/-       | -/O   | ok          | public     | -      | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | public     | -      | write             | 403      |
| user-key  | admin/-       | -/O   | ok          | public     | listed | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | public     | listed | write             | 403      |
| user-key  | admin/-       | -/O   | ok          | team       | -      | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | team       | -      | write             | 403      |
| user-key  | admin/-       | -/O   | ok          | team       | listed | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | team       | listed | write             | 403      |
| user-key  | admin/-       | -/O   | ok          | restricted | -      | read              | 404      |
| user-key  | admin/-       | -/O   | ok          | restricted | -      | write             | 404      |
| user-key  | admin/-       | -/O   | ok          | restricted | listed | read              | allow    |
| user-key  | admin/-       | -/O   | ok          | restricted | listed | write             | allow    |
| user-key  | member/-      | -/O   | ok          | open       | -      | read              | allow    |
| user-key  | member/-      | -/O   | ok          | open       | -      | write             | allow    |
| user-key  | member/-      | -/O   | ok          | open       | listed | read              | allow    |
| user-key  | member/-      | -/O   | ok          | open       | listed | write             | allow    |
| user-key  | member/-      | -/O   | ok          | public     | -      | read              | allow    |
| user-key  | member/-      | -/O   | ok          | public     | -      | write             | 403      |
| user-key  | member/-      | -/O   | ok          | public     | listed | read              | allow    |
| user-key  | member/-      | -/O   | ok          | public     | listed | write             | 403      |
| user-key  | member/-      | -/O   | ok          | team       | -      | read              | 404      |
| user-key  | member/-      | -/O   | ok          | team       | -      | write             | 404      |
| user-key  | member/-      | -/O   | ok          | team       | listed | read              | 404      |
| user-key  | member/-      | -/O   | ok          | team       | listed | write             | 404      |
| user-key  | member/-      | -/O   | ok          | restricted | -      | read              | 404      |
| user-key  | member/-      | -/O   | ok          | restricted | -      | write             | 404      |
| user-key  | member/-      | -/O   | ok          | restricted | listed | read              | 404      |
| user-key  | member/-      | -/O   | ok          | restricted | listed | write             | 404      |
| user-key  | -/-           | -/-   | ok          | open       | -      | read              | allow    |
| user-key  | -/-           | -/-   | ok          | open       | -      | write             | allow    |
| user-key  | -/-           | -/-   | ok          | open       | listed | read              | allow    |
| user-key  | -/-           | -/-   | ok          | open       | listed | write             | allow    |
| user-key  | -/-           | -/-   | ok          | public     | -      | read              | allow    |
| user-key  | -/-           | -/-   | ok          | public     | -      | write             | 403      |
| user-key  | -/-           | -/-   | ok          | public     | listed | read              | allow    |
| user-key  | -/-           | -/-   | ok          | public     | listed | write             | 403      |
| user-key  | -/-           | -/-   | ok          | team       | -      | read              | 404      |
| user-key  | -/-           | -/-   | ok          | team       | -      | write             | 404      |
| user-key  | -/-           | -/-   | ok          | team       | listed | read              | 404      |
| user-key  | -/-           | -/-   | ok          | team       | listed | write             | 404      |
| user-key  | -/-           | -/-   | ok          | restricted | -      | read              | 404      |
| user-key  | -/-           | -/-   | ok          | restricted | -      | write             | 404      |
| user-key  | -/-           | -/-   | ok          | restricted | listed | read              | 404      |
| user-key  | -/-           | -/-   | ok          | restricted | listed | write             | 404      |

# "Team SA whose parent team is T": R W everywhere; restricted only if listed.
| sa-team   | -             | T/O   | ok          | open       | -      | read              | allow    |
| sa-team   | -             | T/O   | ok          | open       | -      | write             | allow    |
| sa-team   | -             | T/O   | ok          | open       | listed | read              | allow    |
| sa-team   | -             | T/O   | ok          | open       | listed | write             | allow    |
| sa-team   | -             | T/O   | ok          | public     | -      | read              | allow    |
| sa-team   | -             | T/O   | ok          | public     | -      | write             | allow    |
| sa-team   | -             | T/O   | ok          | public     | listed | read              | allow    |
| sa-team   | -             | T/O   | ok          | public     | listed | write             | allow    |
| sa-team   | -             | T/O   | ok          | team       | -      | read              | allow    |
| sa-team   | -             | T/O   | ok          | team       | -      | write             | allow    |
| sa-team   | -             | T/O   | ok          | team       | listed | read              | allow    |
| sa-team   | -             | T/O   | ok          | team       | listed | write             | allow    |
| sa-team   | -             | T/O   | ok          | restricted | -      | read              | 404      |
| sa-team   | -             | T/O   | ok          | restricted | -      | write             | 404      |
| sa-team   | -             | T/O   | ok          | restricted | listed | read              | allow    |
| sa-team   | -             | T/O   | ok          | restricted | listed | write             | allow    |

# "Team SA of another team (any org)": open R W, public R (write 403), else 404.
| sa-team   | -             | T2/O  | ok          | open       | -      | read              | allow    |
| sa-team   | -             | T2/O  | ok          | open       | -      | write             | allow    |
| sa-team   | -             | T2/O  | ok          | open       | listed | read              | allow    |
| sa-team   | -             | T2/O  | ok          | open       | listed | write             | allow    |
| sa-team   | -             | T2/O  | ok          | public     | -      | read              | allow    |
| sa-team   | -             | T2/O  | ok          | public     | -      | write             | 403      |
| sa-team   | -             | T2/O  | ok          | public     | listed | read              | allow    |
| sa-team   | -             | T2/O  | ok          | public     | listed | write             | 403      |
| sa-team   | -             | T2/O  | ok          | team       | -      | read              | 404      |
| sa-team   | -             | T2/O  | ok          | team       | -      | write             | 404      |
| sa-team   | -             | T2/O  | ok          | team       | listed | read              | 404      |
| sa-team   | -             | T2/O  | ok          | team       | listed | write             | 404      |
| sa-team   | -             | T2/O  | ok          | restricted | -      | read              | 404      |
| sa-team   | -             | T2/O  | ok          | restricted | -      | write             | 404      |
| sa-team   | -             | T2/O  | ok          | restricted | listed | read              | 404      |
| sa-team   | -             | T2/O  | ok          | restricted | listed | write             | 404      |
| sa-team   | -             | T3/O2 | ok          | open       | -      | read              | allow    |
| sa-team   | -             | T3/O2 | ok          | open       | -      | write             | allow    |
| sa-team   | -             | T3/O2 | ok          | open       | listed | read              | allow    |
| sa-team   | -             | T3/O2 | ok          | open       | listed | write             | allow    |
| sa-team   | -             | T3/O2 | ok          | public     | -      | read              | allow    |
| sa-team   | -             | T3/O2 | ok          | public     | -      | write             | 403      |
| sa-team   | -             | T3/O2 | ok          | public     | listed | read              | allow    |
| sa-team   | -             | T3/O2 | ok          | public     | listed | write             | 403      |
| sa-team   | -             | T3/O2 | ok          | team       | -      | read              | 404      |
| sa-team   | -             | T3/O2 | ok          | team       | -      | write             | 404      |
| sa-team   | -             | T3/O2 | ok          | team       | listed | read              | 404      |
| sa-team   | -             | T3/O2 | ok          | team       | listed | write             | 404      |
| sa-team   | -             | T3/O2 | ok          | restricted | -      | read              | 404      |
| sa-team   | -             | T3/O2 | ok          | restricted | -      | write             | 404      |
| sa-team   | -             | T3/O2 | ok          | restricted | listed | read              | 404      |
| sa-team   | -             | T3/O2 | ok          | restricted | listed | write             | 404      |

# "Org SA of O (any default team)": R W everywhere; restricted only if listed.
| sa-org    | -             | T/O   | ok          | open       | -      | read              | allow    |
| sa-org    | -             | T/O   | ok          | open       | -      | write             | allow    |
| sa-org    | -             | T/O   | ok          | open       | listed | read              | allow    |
| sa-org    | -             | T/O   | ok          | open       | listed | write             | allow    |
| sa-org    | -             | T/O   | ok          | public     | -      | read              | allow    |
| sa-org    | -             | T/O   | ok          | public     | -      | write             | allow    |
| sa-org    | -             | T/O   | ok          | public     | listed | read              | allow    |
| sa-org    | -             | T/O   | ok          | public     | listed | write             | allow    |
| sa-org    | -             | T/O   | ok          | team       | -      | read              | allow    |
| sa-org    | -             | T/O   | ok          | team       | -      | write             | allow    |
| sa-org    | -             | T/O   | ok          | team       | listed | read              | allow    |
| sa-org    | -             | T/O   | ok          | team       | listed | write             | allow    |
| sa-org    | -             | T/O   | ok          | restricted | -      | read              | 404      |
| sa-org    | -             | T/O   | ok          | restricted | -      | write             | 404      |
| sa-org    | -             | T/O   | ok          | restricted | listed | read              | allow    |
| sa-org    | -             | T/O   | ok          | restricted | listed | write             | allow    |
| sa-org    | -             | T2/O  | ok          | open       | -      | read              | allow    |
| sa-org    | -             | T2/O  | ok          | open       | -      | write             | allow    |
| sa-org    | -             | T2/O  | ok          | open       | listed | read              | allow    |
| sa-org    | -             | T2/O  | ok          | open       | listed | write             | allow    |
| sa-org    | -             | T2/O  | ok          | public     | -      | read              | allow    |
| sa-org    | -             | T2/O  | ok          | public     | -      | write             | allow    |
| sa-org    | -             | T2/O  | ok          | public     | listed | read              | allow    |
| sa-org    | -             | T2/O  | ok          | public     | listed | write             | allow    |
| sa-org    | -             | T2/O  | ok          | team       | -      | read              | allow    |
| sa-org    | -             | T2/O  | ok          | team       | -      | write             | allow    |
| sa-org    | -             | T2/O  | ok          | team       | listed | read              | allow    |
| sa-org    | -             | T2/O  | ok          | team       | listed | write             | allow    |
| sa-org    | -             | T2/O  | ok          | restricted | -      | read              | 404      |
| sa-org    | -             | T2/O  | ok          | restricted | -      | write             | 404      |
| sa-org    | -             | T2/O  | ok          | restricted | listed | read              | allow    |
| sa-org    | -             | T2/O  | ok          | restricted | listed | write             | allow    |

# "Org SA of another org": open R W, public R.
| sa-org    | -             | T3/O2 | ok          | open       | -      | read              | allow    |
| sa-org    | -             | T3/O2 | ok          | open       | -      | write             | allow    |
| sa-org    | -             | T3/O2 | ok          | open       | listed | read              | allow    |
| sa-org    | -             | T3/O2 | ok          | open       | listed | write             | allow    |
| sa-org    | -             | T3/O2 | ok          | public     | -      | read              | allow    |
| sa-org    | -             | T3/O2 | ok          | public     | -      | write             | 403      |
| sa-org    | -             | T3/O2 | ok          | public     | listed | read              | allow    |
| sa-org    | -             | T3/O2 | ok          | public     | listed | write             | 403      |
| sa-org    | -             | T3/O2 | ok          | team       | -      | read              | 404      |
| sa-org    | -             | T3/O2 | ok          | team       | -      | write             | 404      |
| sa-org    | -             | T3/O2 | ok          | team       | listed | read              | 404      |
| sa-org    | -             | T3/O2 | ok          | team       | listed | write             | 404      |
| sa-org    | -             | T3/O2 | ok          | restricted | -      | read              | 404      |
| sa-org    | -             | T3/O2 | ok          | restricted | -      | write             | 404      |
| sa-org    | -             | T3/O2 | ok          | restricted | listed | read              | 404      |
| sa-org    | -             | T3/O2 | ok          | restricted | listed | write             | 404      |

# "A federated SA's access token acts as that SA" (sa-fed: federated team SA, access token).
| sa-fed    | -             | T/O   | ok          | open       | -      | read              | allow    |
| sa-fed    | -             | T/O   | ok          | open       | -      | write             | allow    |
| sa-fed    | -             | T/O   | ok          | open       | listed | read              | allow    |
| sa-fed    | -             | T/O   | ok          | open       | listed | write             | allow    |
| sa-fed    | -             | T/O   | ok          | public     | -      | read              | allow    |
| sa-fed    | -             | T/O   | ok          | public     | -      | write             | allow    |
| sa-fed    | -             | T/O   | ok          | public     | listed | read              | allow    |
| sa-fed    | -             | T/O   | ok          | public     | listed | write             | allow    |
| sa-fed    | -             | T/O   | ok          | team       | -      | read              | allow    |
| sa-fed    | -             | T/O   | ok          | team       | -      | write             | allow    |
| sa-fed    | -             | T/O   | ok          | team       | listed | read              | allow    |
| sa-fed    | -             | T/O   | ok          | team       | listed | write             | allow    |
| sa-fed    | -             | T/O   | ok          | restricted | -      | read              | 404      |
| sa-fed    | -             | T/O   | ok          | restricted | -      | write             | 404      |
| sa-fed    | -             | T/O   | ok          | restricted | listed | read              | allow    |
| sa-fed    | -             | T/O   | ok          | restricted | listed | write             | allow    |
| sa-fed    | -             | T2/O  | ok          | open       | -      | read              | allow    |
| sa-fed    | -             | T2/O  | ok          | open       | -      | write             | allow    |
| sa-fed    | -             | T2/O  | ok          | open       | listed | read              | allow    |
| sa-fed    | -             | T2/O  | ok          | open       | listed | write             | allow    |
| sa-fed    | -             | T2/O  | ok          | public     | -      | read              | allow    |
| sa-fed    | -             | T2/O  | ok          | public     | -      | write             | 403      |
| sa-fed    | -             | T2/O  | ok          | public     | listed | read              | allow    |
| sa-fed    | -             | T2/O  | ok          | public     | listed | write             | 403      |
| sa-fed    | -             | T2/O  | ok          | team       | -      | read              | 404      |
| sa-fed    | -             | T2/O  | ok          | team       | -      | write             | 404      |
| sa-fed    | -             | T2/O  | ok          | team       | listed | read              | 404      |
| sa-fed    | -             | T2/O  | ok          | team       | listed | write             | 404      |
| sa-fed    | -             | T2/O  | ok          | restricted | -      | read              | 404      |
| sa-fed    | -             | T2/O  | ok          | restricted | -      | write             | 404      |
| sa-fed    | -             | T2/O  | ok          | restricted | listed | read              | 404      |
| sa-fed    | -             | T2/O  | ok          | restricted | listed | write             | 404      |

# "Deactivated or deleted SA, revoked or expired key": nothing, 401 (free-plan SA: 401 too, SPEC 1).
| user-key  | member/admin  | T/O   | revoked     | open       | -      | read              | 401      |
| user-key  | member/admin  | T/O   | revoked     | open       | -      | write             | 401      |
| user-key  | member/admin  | T/O   | revoked     | public     | -      | read              | 401      |
| user-key  | member/admin  | T/O   | revoked     | team       | -      | read              | 401      |
| user-key  | member/admin  | T/O   | revoked     | restricted | listed | write             | 401      |
| user-key  | member/admin  | T/O   | expired     | open       | -      | read              | 401      |
| user-key  | member/admin  | T/O   | expired     | open       | -      | write             | 401      |
| user-key  | member/admin  | T/O   | expired     | public     | -      | read              | 401      |
| user-key  | member/admin  | T/O   | expired     | team       | -      | read              | 401      |
| user-key  | member/admin  | T/O   | expired     | restricted | listed | write             | 401      |
| user-key  | admin/-       | -/O   | revoked     | open       | -      | read              | 401      |
| user-key  | admin/-       | -/O   | revoked     | open       | -      | write             | 401      |
| user-key  | admin/-       | -/O   | revoked     | public     | -      | read              | 401      |
| user-key  | admin/-       | -/O   | revoked     | team       | -      | read              | 401      |
| user-key  | admin/-       | -/O   | revoked     | restricted | listed | write             | 401      |
| sa-team   | -             | T/O   | revoked     | open       | -      | read              | 401      |
| sa-team   | -             | T/O   | revoked     | open       | -      | write             | 401      |
| sa-team   | -             | T/O   | revoked     | public     | -      | read              | 401      |
| sa-team   | -             | T/O   | revoked     | team       | -      | read              | 401      |
| sa-team   | -             | T/O   | revoked     | restricted | listed | write             | 401      |
| sa-team   | -             | T/O   | expired     | open       | -      | read              | 401      |
| sa-team   | -             | T/O   | expired     | open       | -      | write             | 401      |
| sa-team   | -             | T/O   | expired     | public     | -      | read              | 401      |
| sa-team   | -             | T/O   | expired     | team       | -      | read              | 401      |
| sa-team   | -             | T/O   | expired     | restricted | listed | write             | 401      |
| sa-team   | -             | T/O   | deactivated | open       | -      | read              | 401      |
| sa-team   | -             | T/O   | deactivated | open       | -      | write             | 401      |
| sa-team   | -             | T/O   | deactivated | public     | -      | read              | 401      |
| sa-team   | -             | T/O   | deactivated | team       | -      | read              | 401      |
| sa-team   | -             | T/O   | deactivated | restricted | listed | write             | 401      |
| sa-team   | -             | T/O   | deleted     | open       | -      | read              | 401      |
| sa-team   | -             | T/O   | deleted     | open       | -      | write             | 401      |
| sa-team   | -             | T/O   | deleted     | public     | -      | read              | 401      |
| sa-team   | -             | T/O   | deleted     | team       | -      | read              | 401      |
| sa-team   | -             | T/O   | deleted     | restricted | listed | write             | 401      |
| sa-team   | -             | T/O   | free        | open       | -      | read              | 401      |
| sa-team   | -             | T/O   | free        | open       | -      | write             | 401      |
| sa-team   | -             | T/O   | free        | public     | -      | read              | 401      |
| sa-team   | -             | T/O   | free        | team       | -      | read              | 401      |
| sa-team   | -             | T/O   | free        | restricted | listed | write             | 401      |
| sa-org    | -             | T/O   | revoked     | open       | -      | read              | 401      |
| sa-org    | -             | T/O   | revoked     | open       | -      | write             | 401      |
| sa-org    | -             | T/O   | revoked     | public     | -      | read              | 401      |
| sa-org    | -             | T/O   | revoked     | team       | -      | read              | 401      |
| sa-org    | -             | T/O   | revoked     | restricted | listed | write             | 401      |
| sa-org    | -             | T/O   | deactivated | open       | -      | read              | 401      |
| sa-org    | -             | T/O   | deactivated | open       | -      | write             | 401      |
| sa-org    | -             | T/O   | deactivated | public     | -      | read              | 401      |
| sa-org    | -             | T/O   | deactivated | team       | -      | read              | 401      |
| sa-org    | -             | T/O   | deactivated | restricted | listed | write             | 401      |
| sa-org    | -             | T/O   | deleted     | open       | -      | read              | 401      |
| sa-org    | -             | T/O   | deleted     | open       | -      | write             | 401      |
| sa-org    | -             | T/O   | deleted     | public     | -      | read              | 401      |
| sa-org    | -             | T/O   | deleted     | team       | -      | read              | 401      |
| sa-org    | -             | T/O   | deleted     | restricted | listed | write             | 401      |
| sa-org    | -             | T/O   | free        | open       | -      | read              | 401      |
| sa-org    | -             | T/O   | free        | open       | -      | write             | 401      |
| sa-org    | -             | T/O   | free        | public     | -      | read              | 401      |
| sa-org    | -             | T/O   | free        | team       | -      | read              | 401      |
| sa-org    | -             | T/O   | free        | restricted | listed | write             | 401      |
| sa-fed    | -             | T/O   | revoked     | open       | -      | read              | 401      |
| sa-fed    | -             | T/O   | revoked     | open       | -      | write             | 401      |
| sa-fed    | -             | T/O   | revoked     | public     | -      | read              | 401      |
| sa-fed    | -             | T/O   | revoked     | team       | -      | read              | 401      |
| sa-fed    | -             | T/O   | revoked     | restricted | listed | write             | 401      |
| sa-fed    | -             | T/O   | expired     | open       | -      | read              | 401      |
| sa-fed    | -             | T/O   | expired     | open       | -      | write             | 401      |
| sa-fed    | -             | T/O   | expired     | public     | -      | read              | 401      |
| sa-fed    | -             | T/O   | expired     | team       | -      | read              | 401      |
| sa-fed    | -             | T/O   | expired     | restricted | listed | write             | 401      |
| sa-fed    | -             | T/O   | deactivated | open       | -      | read              | 401      |
| sa-fed    | -             | T/O   | deactivated | open       | -      | write             | 401      |
| sa-fed    | -             | T/O   | deactivated | public     | -      | read              | 401      |
| sa-fed    | -             | T/O   | deactivated | team       | -      | read              | 401      |
| sa-fed    | -             | T/O   | deactivated | restricted | listed | write             | 401      |
| sa-fed    | -             | T/O   | free        | open       | -      | read              | 401      |
| sa-fed    | -             | T/O   | free        | open       | -      | write             | 401      |
| sa-fed    | -             | T/O   | free        | public     | -      | read              | 401      |
| sa-fed    | -             | T/O   | free        | team       | -      | read              | 401      |
| sa-fed    | -             | T/O   | free        | restricted | listed | write             | 401      |

# SPEC 2 "Change a project's visibility" / "Add / remove users and SAs on a restricted project":
# org admin yes, team admin yes, member/viewer project owner only. Refused: 403 if P is readable, else 404.
| anon      | -             | -/-   | ok          | open       | -      | update_visibility | 401      |
| anon      | -             | -/-   | ok          | open       | -      | manage_members    | 401      |
| anon      | -             | -/-   | ok          | team       | -      | update_visibility | 401      |
| anon      | -             | -/-   | ok          | team       | -      | manage_members    | 401      |
| user      | member/admin  | T/O   | ok          | team       | -      | update_visibility | allow    |
| user      | member/admin  | T/O   | ok          | team       | -      | manage_members    | allow    |
| user      | member/admin  | T/O   | ok          | restricted | -      | update_visibility | allow    |
| user      | member/admin  | T/O   | ok          | restricted | -      | manage_members    | allow    |
| user      | member/member | T/O   | ok          | team       | -      | update_visibility | 403      |
| user      | member/member | T/O   | ok          | team       | -      | manage_members    | 403      |
| user      | member/member | T/O   | ok          | team       | owner  | update_visibility | allow    |
| user      | member/member | T/O   | ok          | team       | owner  | manage_members    | allow    |
| user      | member/member | T/O   | ok          | restricted | -      | update_visibility | 404      |
| user      | member/member | T/O   | ok          | restricted | -      | manage_members    | 404      |
| user      | member/member | T/O   | ok          | restricted | listed | update_visibility | 403      |
| user      | member/member | T/O   | ok          | restricted | listed | manage_members    | 403      |
| user      | member/member | T/O   | ok          | restricted | owner  | update_visibility | allow    |
| user      | member/member | T/O   | ok          | restricted | owner  | manage_members    | allow    |
| user      | member/viewer | T/O   | ok          | team       | -      | update_visibility | 403      |
| user      | member/viewer | T/O   | ok          | team       | -      | manage_members    | 403      |
| user      | member/viewer | T/O   | ok          | team       | owner  | update_visibility | allow    |
| user      | member/viewer | T/O   | ok          | team       | owner  | manage_members    | allow    |
| user      | admin/-       | -/O   | ok          | team       | -      | update_visibility | allow    |
| user      | admin/-       | -/O   | ok          | team       | -      | manage_members    | allow    |
| user      | admin/-       | -/O   | ok          | restricted | -      | update_visibility | allow    |
| user      | admin/-       | -/O   | ok          | restricted | -      | manage_members    | allow    |
| user      | admin/-       | -/O   | ok          | public     | -      | update_visibility | allow    |
| user      | admin/-       | -/O   | ok          | public     | -      | manage_members    | allow    |
| user      | member/-      | -/O   | ok          | open       | -      | update_visibility | 403      |
| user      | member/-      | -/O   | ok          | open       | -      | manage_members    | 403      |
| user      | member/-      | -/O   | ok          | public     | -      | update_visibility | 403      |
| user      | member/-      | -/O   | ok          | public     | -      | manage_members    | 403      |
| user      | member/-      | -/O   | ok          | team       | -      | update_visibility | 404      |
| user      | member/-      | -/O   | ok          | team       | -      | manage_members    | 404      |
| user      | member/-      | -/O   | ok          | team       | owner  | update_visibility | allow    |
| user      | member/-      | -/O   | ok          | team       | owner  | manage_members    | allow    |
| user      | member/admin  | T2/O  | ok          | public     | -      | update_visibility | 403      |
| user      | member/admin  | T2/O  | ok          | public     | -      | manage_members    | 403      |
| user      | member/admin  | T2/O  | ok          | team       | -      | update_visibility | 404      |
| user      | member/admin  | T2/O  | ok          | team       | -      | manage_members    | 404      |
| user      | viewer/-      | -/O   | ok          | open       | -      | update_visibility | 403      |
| user      | viewer/-      | -/O   | ok          | open       | -      | manage_members    | 403      |
| user      | viewer/-      | -/O   | ok          | team       | owner  | update_visibility | allow    |
| user      | viewer/-      | -/O   | ok          | team       | owner  | manage_members    | allow    |
| user      | admin/-       | -/O2  | ok          | open       | -      | update_visibility | 403      |
| user      | admin/-       | -/O2  | ok          | open       | -      | manage_members    | 403      |
| user      | admin/-       | -/O2  | ok          | team       | -      | update_visibility | 404      |
| user      | admin/-       | -/O2  | ok          | team       | -      | manage_members    | 404      |
| user      | -/-           | -/-   | ok          | open       | owner  | update_visibility | 403      |
| user      | -/-           | -/-   | ok          | open       | owner  | manage_members    | 403      |
| user      | -/-           | -/-   | ok          | team       | owner  | update_visibility | 404      |
| user      | -/-           | -/-   | ok          | team       | owner  | manage_members    | 404      |
| user-key  | member/admin  | T/O   | ok          | team       | -      | update_visibility | allow    |
| user-key  | member/admin  | T/O   | ok          | team       | -      | manage_members    | allow    |
| user-key  | member/member | T/O   | ok          | team       | owner  | update_visibility | allow    |
| user-key  | member/member | T/O   | ok          | team       | owner  | manage_members    | allow    |
| user-key  | member/member | T/O   | ok          | team       | -      | update_visibility | 403      |
| user-key  | member/member | T/O   | ok          | team       | -      | manage_members    | 403      |
| sa-team   | -             | T/O   | ok          | team       | -      | update_visibility | 403      |
| sa-team   | -             | T/O   | ok          | team       | -      | manage_members    | 403      |
| sa-team   | -             | T/O   | ok          | restricted | -      | update_visibility | 404      |
| sa-team   | -             | T/O   | ok          | restricted | -      | manage_members    | 404      |
| sa-team   | -             | T/O   | ok          | restricted | listed | update_visibility | 403      |
| sa-team   | -             | T/O   | ok          | restricted | listed | manage_members    | 403      |
| sa-org    | -             | T/O   | ok          | open       | -      | update_visibility | 403      |
| sa-org    | -             | T/O   | ok          | open       | -      | manage_members    | 403      |
| sa-org    | -             | T/O   | ok          | team       | -      | update_visibility | 403      |
| sa-org    | -             | T/O   | ok          | team       | -      | manage_members    | 403      |
| sa-team   | -             | T3/O2 | ok          | public     | -      | update_visibility | 403      |
| sa-team   | -             | T3/O2 | ok          | public     | -      | manage_members    | 403      |
| sa-team   | -             | T3/O2 | ok          | team       | -      | update_visibility | 404      |
| sa-team   | -             | T3/O2 | ok          | team       | -      | manage_members    | 404      |
`;

export const ADMINISTRATION_MATRIX = `
| principal | roles         | home  | action                             | target           | expected |

# Org admin of O (not in T): every line of SPEC 2 says yes; enterprise features on a free plan: 403.
# Not in T, the org admin creates no project there (only team members and admins create projects).
| user      | admin/-       | -/O   | organization.read                  | org              | allow    |
| user      | admin/-       | -/O   | organization.manage_members        | org              | allow    |
| user      | admin/-       | -/O   | organization.list_api_keys         | org              | allow    |
| user      | admin/-       | -/O   | organization.read_audit_log        | org              | allow    |
| user      | admin/-       | -/O   | team.create                        | org              | allow    |
| user      | admin/-       | -/O   | service_account.list_org           | org              | allow    |
| user      | admin/-       | -/O   | service_account.list_org           | free org         | allow    |
| user      | admin/-       | -/O   | service_account.create_org_scoped  | org              | allow    |
| user      | admin/-       | -/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | admin/-       | -/O   | jwt_issuer.manage                  | jwt issuer       | allow    |
| user      | admin/-       | -/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | admin/-       | -/O   | team.read                          | team             | allow    |
| user      | admin/-       | -/O   | team.manage_members                | team             | allow    |
| user      | admin/-       | -/O   | team.update_settings               | team             | allow    |
| user      | admin/-       | -/O   | team.read_audit_log                | team             | allow    |
| user      | admin/-       | -/O   | service_account.list_team          | team             | allow    |
| user      | admin/-       | -/O   | service_account.list_team          | free team        | allow    |
| user      | admin/-       | -/O   | service_account.create_team_scoped | team             | allow    |
| user      | admin/-       | -/O   | service_account.create_team_scoped | free team        | 403      |
| user      | admin/-       | -/O   | project.create                     | team             | 403      |
| user      | admin/-       | -/O   | service_account.manage             | org sa           | allow    |
| user      | admin/-       | -/O   | service_account.manage             | free org sa      | 403      |
| user      | admin/-       | -/O   | service_account.manage             | team sa          | allow    |
| user      | admin/-       | -/O   | service_account.manage             | free team sa     | 403      |
| user      | admin/-       | -/O   | api_key.create                     | own key          | allow    |
| user      | admin/-       | -/O   | api_key.create                     | other's key      | 404      |
| user      | admin/-       | -/O   | api_key.create                     | org sa key       | allow    |
| user      | admin/-       | -/O   | api_key.create                     | team sa key      | allow    |
| user      | admin/-       | -/O   | api_key.create                     | free team sa key | 403      |
| user      | admin/-       | -/O   | api_key.revoke                     | own key          | allow    |
| user      | admin/-       | -/O   | api_key.revoke                     | other's key      | 404      |
| user      | admin/-       | -/O   | api_key.revoke                     | org sa key       | allow    |
| user      | admin/-       | -/O   | api_key.revoke                     | team sa key      | allow    |
| user      | admin/-       | -/O   | api_key.revoke                     | free team sa key | 403      |
| user      | admin/-       | -/O   | user.manage_own                    | self             | allow    |
| user      | admin/-       | -/O   | user.manage_own                    | other user       | 404      |

# Org admin who is also team admin of T: the same, and creates projects in T.
| user      | admin/admin   | T/O   | organization.read                  | org              | allow    |
| user      | admin/admin   | T/O   | organization.manage_members        | org              | allow    |
| user      | admin/admin   | T/O   | organization.list_api_keys         | org              | allow    |
| user      | admin/admin   | T/O   | organization.read_audit_log        | org              | allow    |
| user      | admin/admin   | T/O   | team.create                        | org              | allow    |
| user      | admin/admin   | T/O   | service_account.list_org           | org              | allow    |
| user      | admin/admin   | T/O   | service_account.list_org           | free org         | allow    |
| user      | admin/admin   | T/O   | service_account.create_org_scoped  | org              | allow    |
| user      | admin/admin   | T/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | admin/admin   | T/O   | jwt_issuer.manage                  | jwt issuer       | allow    |
| user      | admin/admin   | T/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | admin/admin   | T/O   | team.read                          | team             | allow    |
| user      | admin/admin   | T/O   | team.manage_members                | team             | allow    |
| user      | admin/admin   | T/O   | team.update_settings               | team             | allow    |
| user      | admin/admin   | T/O   | team.read_audit_log                | team             | allow    |
| user      | admin/admin   | T/O   | service_account.list_team          | team             | allow    |
| user      | admin/admin   | T/O   | service_account.list_team          | free team        | allow    |
| user      | admin/admin   | T/O   | service_account.create_team_scoped | team             | allow    |
| user      | admin/admin   | T/O   | service_account.create_team_scoped | free team        | 403      |
| user      | admin/admin   | T/O   | project.create                     | team             | allow    |
| user      | admin/admin   | T/O   | service_account.manage             | org sa           | allow    |
| user      | admin/admin   | T/O   | service_account.manage             | free org sa      | 403      |
| user      | admin/admin   | T/O   | service_account.manage             | team sa          | allow    |
| user      | admin/admin   | T/O   | service_account.manage             | free team sa     | 403      |
| user      | admin/admin   | T/O   | api_key.create                     | own key          | allow    |
| user      | admin/admin   | T/O   | api_key.create                     | other's key      | 404      |
| user      | admin/admin   | T/O   | api_key.create                     | org sa key       | allow    |
| user      | admin/admin   | T/O   | api_key.create                     | team sa key      | allow    |
| user      | admin/admin   | T/O   | api_key.create                     | free team sa key | 403      |
| user      | admin/admin   | T/O   | api_key.revoke                     | own key          | allow    |
| user      | admin/admin   | T/O   | api_key.revoke                     | other's key      | 404      |
| user      | admin/admin   | T/O   | api_key.revoke                     | org sa key       | allow    |
| user      | admin/admin   | T/O   | api_key.revoke                     | team sa key      | allow    |
| user      | admin/admin   | T/O   | api_key.revoke                     | free team sa key | 403      |
| user      | admin/admin   | T/O   | user.manage_own                    | self             | allow    |
| user      | admin/admin   | T/O   | user.manage_own                    | other user       | 404      |

# Team admin of T: the team's tab, its audit log and team SAs yes; org-level lines no (403, they see the org);
# an org SA whose default team is T is listed in their tab, so managing it is 403, not 404.
| user      | member/admin  | T/O   | organization.read                  | org              | allow    |
| user      | member/admin  | T/O   | organization.manage_members        | org              | 403      |
| user      | member/admin  | T/O   | organization.list_api_keys         | org              | 403      |
| user      | member/admin  | T/O   | organization.read_audit_log        | org              | 403      |
| user      | member/admin  | T/O   | team.create                        | org              | 403      |
| user      | member/admin  | T/O   | service_account.list_org           | org              | 403      |
| user      | member/admin  | T/O   | service_account.list_org           | free org         | 403      |
| user      | member/admin  | T/O   | service_account.create_org_scoped  | org              | 403      |
| user      | member/admin  | T/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | member/admin  | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user      | member/admin  | T/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | member/admin  | T/O   | team.read                          | team             | allow    |
| user      | member/admin  | T/O   | team.manage_members                | team             | allow    |
| user      | member/admin  | T/O   | team.update_settings               | team             | 403      |
| user      | member/admin  | T/O   | team.read_audit_log                | team             | allow    |
| user      | member/admin  | T/O   | service_account.list_team          | team             | allow    |
| user      | member/admin  | T/O   | service_account.list_team          | free team        | allow    |
| user      | member/admin  | T/O   | service_account.create_team_scoped | team             | allow    |
| user      | member/admin  | T/O   | service_account.create_team_scoped | free team        | 403      |
| user      | member/admin  | T/O   | project.create                     | team             | allow    |
| user      | member/admin  | T/O   | service_account.manage             | org sa           | 403      |
| user      | member/admin  | T/O   | service_account.manage             | free org sa      | 403      |
| user      | member/admin  | T/O   | service_account.manage             | team sa          | allow    |
| user      | member/admin  | T/O   | service_account.manage             | free team sa     | 403      |
| user      | member/admin  | T/O   | api_key.create                     | own key          | allow    |
| user      | member/admin  | T/O   | api_key.create                     | other's key      | 404      |
| user      | member/admin  | T/O   | api_key.create                     | org sa key       | 403      |
| user      | member/admin  | T/O   | api_key.create                     | team sa key      | allow    |
| user      | member/admin  | T/O   | api_key.create                     | free team sa key | 403      |
| user      | member/admin  | T/O   | api_key.revoke                     | own key          | allow    |
| user      | member/admin  | T/O   | api_key.revoke                     | other's key      | 404      |
| user      | member/admin  | T/O   | api_key.revoke                     | org sa key       | 403      |
| user      | member/admin  | T/O   | api_key.revoke                     | team sa key      | allow    |
| user      | member/admin  | T/O   | api_key.revoke                     | free team sa key | 403      |
| user      | member/admin  | T/O   | user.manage_own                    | self             | allow    |
| user      | member/admin  | T/O   | user.manage_own                    | other user       | 404      |

# Team admin of another team T2: for T and its SAs just an org member (tab of T: 404).
| user      | member/admin  | T2/O  | organization.read                  | org              | allow    |
| user      | member/admin  | T2/O  | organization.manage_members        | org              | 403      |
| user      | member/admin  | T2/O  | organization.list_api_keys         | org              | 403      |
| user      | member/admin  | T2/O  | organization.read_audit_log        | org              | 403      |
| user      | member/admin  | T2/O  | team.create                        | org              | 403      |
| user      | member/admin  | T2/O  | service_account.list_org           | org              | 403      |
| user      | member/admin  | T2/O  | service_account.list_org           | free org         | 403      |
| user      | member/admin  | T2/O  | service_account.create_org_scoped  | org              | 403      |
| user      | member/admin  | T2/O  | service_account.create_org_scoped  | free org         | 403      |
| user      | member/admin  | T2/O  | jwt_issuer.manage                  | jwt issuer       | 403      |
| user      | member/admin  | T2/O  | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | member/admin  | T2/O  | team.read                          | team             | allow    |
| user      | member/admin  | T2/O  | team.manage_members                | team             | 403      |
| user      | member/admin  | T2/O  | team.update_settings               | team             | 403      |
| user      | member/admin  | T2/O  | team.read_audit_log                | team             | 403      |
| user      | member/admin  | T2/O  | service_account.list_team          | team             | 404      |
| user      | member/admin  | T2/O  | service_account.list_team          | free team        | 404      |
| user      | member/admin  | T2/O  | service_account.create_team_scoped | team             | 404      |
| user      | member/admin  | T2/O  | service_account.create_team_scoped | free team        | 404      |
| user      | member/admin  | T2/O  | project.create                     | team             | 403      |
| user      | member/admin  | T2/O  | service_account.manage             | org sa           | 404      |
| user      | member/admin  | T2/O  | service_account.manage             | free org sa      | 404      |
| user      | member/admin  | T2/O  | service_account.manage             | team sa          | 404      |
| user      | member/admin  | T2/O  | service_account.manage             | free team sa     | 404      |
| user      | member/admin  | T2/O  | api_key.create                     | own key          | allow    |
| user      | member/admin  | T2/O  | api_key.create                     | other's key      | 404      |
| user      | member/admin  | T2/O  | api_key.create                     | org sa key       | 404      |
| user      | member/admin  | T2/O  | api_key.create                     | team sa key      | 404      |
| user      | member/admin  | T2/O  | api_key.create                     | free team sa key | 404      |
| user      | member/admin  | T2/O  | api_key.revoke                     | own key          | allow    |
| user      | member/admin  | T2/O  | api_key.revoke                     | other's key      | 404      |
| user      | member/admin  | T2/O  | api_key.revoke                     | org sa key       | 404      |
| user      | member/admin  | T2/O  | api_key.revoke                     | team sa key      | 404      |
| user      | member/admin  | T2/O  | api_key.revoke                     | free team sa key | 404      |
| user      | member/admin  | T2/O  | user.manage_own                    | self             | allow    |
| user      | member/admin  | T2/O  | user.manage_own                    | other user       | 404      |

# Member of T: creates projects; no Service Accounts tab (404); org and team admin lines 403.
| user      | member/member | T/O   | organization.read                  | org              | allow    |
| user      | member/member | T/O   | organization.manage_members        | org              | 403      |
| user      | member/member | T/O   | organization.list_api_keys         | org              | 403      |
| user      | member/member | T/O   | organization.read_audit_log        | org              | 403      |
| user      | member/member | T/O   | team.create                        | org              | 403      |
| user      | member/member | T/O   | service_account.list_org           | org              | 403      |
| user      | member/member | T/O   | service_account.list_org           | free org         | 403      |
| user      | member/member | T/O   | service_account.create_org_scoped  | org              | 403      |
| user      | member/member | T/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | member/member | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user      | member/member | T/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | member/member | T/O   | team.read                          | team             | allow    |
| user      | member/member | T/O   | team.manage_members                | team             | 403      |
| user      | member/member | T/O   | team.update_settings               | team             | 403      |
| user      | member/member | T/O   | team.read_audit_log                | team             | 403      |
| user      | member/member | T/O   | service_account.list_team          | team             | 404      |
| user      | member/member | T/O   | service_account.list_team          | free team        | 404      |
| user      | member/member | T/O   | service_account.create_team_scoped | team             | 404      |
| user      | member/member | T/O   | service_account.create_team_scoped | free team        | 404      |
| user      | member/member | T/O   | project.create                     | team             | allow    |
| user      | member/member | T/O   | service_account.manage             | org sa           | 404      |
| user      | member/member | T/O   | service_account.manage             | free org sa      | 404      |
| user      | member/member | T/O   | service_account.manage             | team sa          | 404      |
| user      | member/member | T/O   | service_account.manage             | free team sa     | 404      |
| user      | member/member | T/O   | api_key.create                     | own key          | allow    |
| user      | member/member | T/O   | api_key.create                     | other's key      | 404      |
| user      | member/member | T/O   | api_key.create                     | org sa key       | 404      |
| user      | member/member | T/O   | api_key.create                     | team sa key      | 404      |
| user      | member/member | T/O   | api_key.create                     | free team sa key | 404      |
| user      | member/member | T/O   | api_key.revoke                     | own key          | allow    |
| user      | member/member | T/O   | api_key.revoke                     | other's key      | 404      |
| user      | member/member | T/O   | api_key.revoke                     | org sa key       | 404      |
| user      | member/member | T/O   | api_key.revoke                     | team sa key      | 404      |
| user      | member/member | T/O   | api_key.revoke                     | free team sa key | 404      |
| user      | member/member | T/O   | user.manage_own                    | self             | allow    |
| user      | member/member | T/O   | user.manage_own                    | other user       | 404      |

# Viewer of T: as a member, but creates no project; still creates and revokes own personal keys.
| user      | member/viewer | T/O   | organization.read                  | org              | allow    |
| user      | member/viewer | T/O   | organization.manage_members        | org              | 403      |
| user      | member/viewer | T/O   | organization.list_api_keys         | org              | 403      |
| user      | member/viewer | T/O   | organization.read_audit_log        | org              | 403      |
| user      | member/viewer | T/O   | team.create                        | org              | 403      |
| user      | member/viewer | T/O   | service_account.list_org           | org              | 403      |
| user      | member/viewer | T/O   | service_account.list_org           | free org         | 403      |
| user      | member/viewer | T/O   | service_account.create_org_scoped  | org              | 403      |
| user      | member/viewer | T/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | member/viewer | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user      | member/viewer | T/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | member/viewer | T/O   | team.read                          | team             | allow    |
| user      | member/viewer | T/O   | team.manage_members                | team             | 403      |
| user      | member/viewer | T/O   | team.update_settings               | team             | 403      |
| user      | member/viewer | T/O   | team.read_audit_log                | team             | 403      |
| user      | member/viewer | T/O   | service_account.list_team          | team             | 404      |
| user      | member/viewer | T/O   | service_account.list_team          | free team        | 404      |
| user      | member/viewer | T/O   | service_account.create_team_scoped | team             | 404      |
| user      | member/viewer | T/O   | service_account.create_team_scoped | free team        | 404      |
| user      | member/viewer | T/O   | project.create                     | team             | 403      |
| user      | member/viewer | T/O   | service_account.manage             | org sa           | 404      |
| user      | member/viewer | T/O   | service_account.manage             | free org sa      | 404      |
| user      | member/viewer | T/O   | service_account.manage             | team sa          | 404      |
| user      | member/viewer | T/O   | service_account.manage             | free team sa     | 404      |
| user      | member/viewer | T/O   | api_key.create                     | own key          | allow    |
| user      | member/viewer | T/O   | api_key.create                     | other's key      | 404      |
| user      | member/viewer | T/O   | api_key.create                     | org sa key       | 404      |
| user      | member/viewer | T/O   | api_key.create                     | team sa key      | 404      |
| user      | member/viewer | T/O   | api_key.create                     | free team sa key | 404      |
| user      | member/viewer | T/O   | api_key.revoke                     | own key          | allow    |
| user      | member/viewer | T/O   | api_key.revoke                     | other's key      | 404      |
| user      | member/viewer | T/O   | api_key.revoke                     | org sa key       | 404      |
| user      | member/viewer | T/O   | api_key.revoke                     | team sa key      | 404      |
| user      | member/viewer | T/O   | api_key.revoke                     | free team sa key | 404      |
| user      | member/viewer | T/O   | user.manage_own                    | self             | allow    |
| user      | member/viewer | T/O   | user.manage_own                    | other user       | 404      |

# Org member and org viewer in no team: see the org and its teams, administer nothing.
| user      | member/-      | -/O   | organization.read                  | org              | allow    |
| user      | member/-      | -/O   | organization.manage_members        | org              | 403      |
| user      | member/-      | -/O   | organization.list_api_keys         | org              | 403      |
| user      | member/-      | -/O   | organization.read_audit_log        | org              | 403      |
| user      | member/-      | -/O   | team.create                        | org              | 403      |
| user      | member/-      | -/O   | service_account.list_org           | org              | 403      |
| user      | member/-      | -/O   | service_account.list_org           | free org         | 403      |
| user      | member/-      | -/O   | service_account.create_org_scoped  | org              | 403      |
| user      | member/-      | -/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | member/-      | -/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user      | member/-      | -/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | member/-      | -/O   | team.read                          | team             | allow    |
| user      | member/-      | -/O   | team.manage_members                | team             | 403      |
| user      | member/-      | -/O   | team.update_settings               | team             | 403      |
| user      | member/-      | -/O   | team.read_audit_log                | team             | 403      |
| user      | member/-      | -/O   | service_account.list_team          | team             | 404      |
| user      | member/-      | -/O   | service_account.list_team          | free team        | 404      |
| user      | member/-      | -/O   | service_account.create_team_scoped | team             | 404      |
| user      | member/-      | -/O   | service_account.create_team_scoped | free team        | 404      |
| user      | member/-      | -/O   | project.create                     | team             | 403      |
| user      | member/-      | -/O   | service_account.manage             | org sa           | 404      |
| user      | member/-      | -/O   | service_account.manage             | free org sa      | 404      |
| user      | member/-      | -/O   | service_account.manage             | team sa          | 404      |
| user      | member/-      | -/O   | service_account.manage             | free team sa     | 404      |
| user      | member/-      | -/O   | api_key.create                     | own key          | allow    |
| user      | member/-      | -/O   | api_key.create                     | other's key      | 404      |
| user      | member/-      | -/O   | api_key.create                     | org sa key       | 404      |
| user      | member/-      | -/O   | api_key.create                     | team sa key      | 404      |
| user      | member/-      | -/O   | api_key.create                     | free team sa key | 404      |
| user      | member/-      | -/O   | api_key.revoke                     | own key          | allow    |
| user      | member/-      | -/O   | api_key.revoke                     | other's key      | 404      |
| user      | member/-      | -/O   | api_key.revoke                     | org sa key       | 404      |
| user      | member/-      | -/O   | api_key.revoke                     | team sa key      | 404      |
| user      | member/-      | -/O   | api_key.revoke                     | free team sa key | 404      |
| user      | member/-      | -/O   | user.manage_own                    | self             | allow    |
| user      | member/-      | -/O   | user.manage_own                    | other user       | 404      |
| user      | viewer/-      | -/O   | organization.read                  | org              | allow    |
| user      | viewer/-      | -/O   | organization.manage_members        | org              | 403      |
| user      | viewer/-      | -/O   | organization.list_api_keys         | org              | 403      |
| user      | viewer/-      | -/O   | organization.read_audit_log        | org              | 403      |
| user      | viewer/-      | -/O   | team.create                        | org              | 403      |
| user      | viewer/-      | -/O   | service_account.list_org           | org              | 403      |
| user      | viewer/-      | -/O   | service_account.list_org           | free org         | 403      |
| user      | viewer/-      | -/O   | service_account.create_org_scoped  | org              | 403      |
| user      | viewer/-      | -/O   | service_account.create_org_scoped  | free org         | 403      |
| user      | viewer/-      | -/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user      | viewer/-      | -/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user      | viewer/-      | -/O   | team.read                          | team             | allow    |
| user      | viewer/-      | -/O   | team.manage_members                | team             | 403      |
| user      | viewer/-      | -/O   | team.update_settings               | team             | 403      |
| user      | viewer/-      | -/O   | team.read_audit_log                | team             | 403      |
| user      | viewer/-      | -/O   | service_account.list_team          | team             | 404      |
| user      | viewer/-      | -/O   | service_account.list_team          | free team        | 404      |
| user      | viewer/-      | -/O   | service_account.create_team_scoped | team             | 404      |
| user      | viewer/-      | -/O   | service_account.create_team_scoped | free team        | 404      |
| user      | viewer/-      | -/O   | project.create                     | team             | 403      |
| user      | viewer/-      | -/O   | service_account.manage             | org sa           | 404      |
| user      | viewer/-      | -/O   | service_account.manage             | free org sa      | 404      |
| user      | viewer/-      | -/O   | service_account.manage             | team sa          | 404      |
| user      | viewer/-      | -/O   | service_account.manage             | free team sa     | 404      |
| user      | viewer/-      | -/O   | api_key.create                     | own key          | allow    |
| user      | viewer/-      | -/O   | api_key.create                     | other's key      | 404      |
| user      | viewer/-      | -/O   | api_key.create                     | org sa key       | 404      |
| user      | viewer/-      | -/O   | api_key.create                     | team sa key      | 404      |
| user      | viewer/-      | -/O   | api_key.create                     | free team sa key | 404      |
| user      | viewer/-      | -/O   | api_key.revoke                     | own key          | allow    |
| user      | viewer/-      | -/O   | api_key.revoke                     | other's key      | 404      |
| user      | viewer/-      | -/O   | api_key.revoke                     | org sa key       | 404      |
| user      | viewer/-      | -/O   | api_key.revoke                     | team sa key      | 404      |
| user      | viewer/-      | -/O   | api_key.revoke                     | free team sa key | 404      |
| user      | viewer/-      | -/O   | user.manage_own                    | self             | allow    |
| user      | viewer/-      | -/O   | user.manage_own                    | other user       | 404      |

# Another org's admin, or a user in no org: O's objects answer 404; project.create 403 (SPEC 4).
| user      | admin/-       | -/O2  | organization.read                  | org              | 404      |
| user      | admin/-       | -/O2  | organization.manage_members        | org              | 404      |
| user      | admin/-       | -/O2  | organization.list_api_keys         | org              | 404      |
| user      | admin/-       | -/O2  | organization.read_audit_log        | org              | 404      |
| user      | admin/-       | -/O2  | team.create                        | org              | 404      |
| user      | admin/-       | -/O2  | service_account.list_org           | org              | 404      |
| user      | admin/-       | -/O2  | service_account.list_org           | free org         | 404      |
| user      | admin/-       | -/O2  | service_account.create_org_scoped  | org              | 404      |
| user      | admin/-       | -/O2  | service_account.create_org_scoped  | free org         | 404      |
| user      | admin/-       | -/O2  | jwt_issuer.manage                  | jwt issuer       | 404      |
| user      | admin/-       | -/O2  | jwt_issuer.manage                  | free jwt issuer  | 404      |
| user      | admin/-       | -/O2  | team.read                          | team             | 404      |
| user      | admin/-       | -/O2  | team.manage_members                | team             | 404      |
| user      | admin/-       | -/O2  | team.update_settings               | team             | 404      |
| user      | admin/-       | -/O2  | team.read_audit_log                | team             | 404      |
| user      | admin/-       | -/O2  | service_account.list_team          | team             | 404      |
| user      | admin/-       | -/O2  | service_account.list_team          | free team        | 404      |
| user      | admin/-       | -/O2  | service_account.create_team_scoped | team             | 404      |
| user      | admin/-       | -/O2  | service_account.create_team_scoped | free team        | 404      |
| user      | admin/-       | -/O2  | project.create                     | team             | 403      |
| user      | admin/-       | -/O2  | service_account.manage             | org sa           | 404      |
| user      | admin/-       | -/O2  | service_account.manage             | free org sa      | 404      |
| user      | admin/-       | -/O2  | service_account.manage             | team sa          | 404      |
| user      | admin/-       | -/O2  | service_account.manage             | free team sa     | 404      |
| user      | admin/-       | -/O2  | api_key.create                     | own key          | allow    |
| user      | admin/-       | -/O2  | api_key.create                     | other's key      | 404      |
| user      | admin/-       | -/O2  | api_key.create                     | org sa key       | 404      |
| user      | admin/-       | -/O2  | api_key.create                     | team sa key      | 404      |
| user      | admin/-       | -/O2  | api_key.create                     | free team sa key | 404      |
| user      | admin/-       | -/O2  | api_key.revoke                     | own key          | allow    |
| user      | admin/-       | -/O2  | api_key.revoke                     | other's key      | 404      |
| user      | admin/-       | -/O2  | api_key.revoke                     | org sa key       | 404      |
| user      | admin/-       | -/O2  | api_key.revoke                     | team sa key      | 404      |
| user      | admin/-       | -/O2  | api_key.revoke                     | free team sa key | 404      |
| user      | admin/-       | -/O2  | user.manage_own                    | self             | allow    |
| user      | admin/-       | -/O2  | user.manage_own                    | other user       | 404      |
| user      | -/-           | -/-   | organization.read                  | org              | 404      |
| user      | -/-           | -/-   | organization.manage_members        | org              | 404      |
| user      | -/-           | -/-   | organization.list_api_keys         | org              | 404      |
| user      | -/-           | -/-   | organization.read_audit_log        | org              | 404      |
| user      | -/-           | -/-   | team.create                        | org              | 404      |
| user      | -/-           | -/-   | service_account.list_org           | org              | 404      |
| user      | -/-           | -/-   | service_account.list_org           | free org         | 404      |
| user      | -/-           | -/-   | service_account.create_org_scoped  | org              | 404      |
| user      | -/-           | -/-   | service_account.create_org_scoped  | free org         | 404      |
| user      | -/-           | -/-   | jwt_issuer.manage                  | jwt issuer       | 404      |
| user      | -/-           | -/-   | jwt_issuer.manage                  | free jwt issuer  | 404      |
| user      | -/-           | -/-   | team.read                          | team             | 404      |
| user      | -/-           | -/-   | team.manage_members                | team             | 404      |
| user      | -/-           | -/-   | team.update_settings               | team             | 404      |
| user      | -/-           | -/-   | team.read_audit_log                | team             | 404      |
| user      | -/-           | -/-   | service_account.list_team          | team             | 404      |
| user      | -/-           | -/-   | service_account.list_team          | free team        | 404      |
| user      | -/-           | -/-   | service_account.create_team_scoped | team             | 404      |
| user      | -/-           | -/-   | service_account.create_team_scoped | free team        | 404      |
| user      | -/-           | -/-   | project.create                     | team             | 403      |
| user      | -/-           | -/-   | service_account.manage             | org sa           | 404      |
| user      | -/-           | -/-   | service_account.manage             | free org sa      | 404      |
| user      | -/-           | -/-   | service_account.manage             | team sa          | 404      |
| user      | -/-           | -/-   | service_account.manage             | free team sa     | 404      |
| user      | -/-           | -/-   | api_key.create                     | own key          | allow    |
| user      | -/-           | -/-   | api_key.create                     | other's key      | 404      |
| user      | -/-           | -/-   | api_key.create                     | org sa key       | 404      |
| user      | -/-           | -/-   | api_key.create                     | team sa key      | 404      |
| user      | -/-           | -/-   | api_key.create                     | free team sa key | 404      |
| user      | -/-           | -/-   | api_key.revoke                     | own key          | allow    |
| user      | -/-           | -/-   | api_key.revoke                     | other's key      | 404      |
| user      | -/-           | -/-   | api_key.revoke                     | org sa key       | 404      |
| user      | -/-           | -/-   | api_key.revoke                     | team sa key      | 404      |
| user      | -/-           | -/-   | api_key.revoke                     | free team sa key | 404      |
| user      | -/-           | -/-   | user.manage_own                    | self             | allow    |
| user      | -/-           | -/-   | user.manage_own                    | other user       | 404      |

# Personal API keys act with their owner's roles.
| user-key  | admin/-       | -/O   | organization.read                  | org              | allow    |
| user-key  | admin/-       | -/O   | organization.manage_members        | org              | allow    |
| user-key  | admin/-       | -/O   | organization.list_api_keys         | org              | allow    |
| user-key  | admin/-       | -/O   | organization.read_audit_log        | org              | allow    |
| user-key  | admin/-       | -/O   | team.create                        | org              | allow    |
| user-key  | admin/-       | -/O   | service_account.list_org           | org              | allow    |
| user-key  | admin/-       | -/O   | service_account.list_org           | free org         | allow    |
| user-key  | admin/-       | -/O   | service_account.create_org_scoped  | org              | allow    |
| user-key  | admin/-       | -/O   | service_account.create_org_scoped  | free org         | 403      |
| user-key  | admin/-       | -/O   | jwt_issuer.manage                  | jwt issuer       | allow    |
| user-key  | admin/-       | -/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user-key  | admin/-       | -/O   | team.read                          | team             | allow    |
| user-key  | admin/-       | -/O   | team.manage_members                | team             | allow    |
| user-key  | admin/-       | -/O   | team.update_settings               | team             | allow    |
| user-key  | admin/-       | -/O   | team.read_audit_log                | team             | allow    |
| user-key  | admin/-       | -/O   | service_account.list_team          | team             | allow    |
| user-key  | admin/-       | -/O   | service_account.list_team          | free team        | allow    |
| user-key  | admin/-       | -/O   | service_account.create_team_scoped | team             | allow    |
| user-key  | admin/-       | -/O   | service_account.create_team_scoped | free team        | 403      |
| user-key  | admin/-       | -/O   | project.create                     | team             | 403      |
| user-key  | admin/-       | -/O   | service_account.manage             | org sa           | allow    |
| user-key  | admin/-       | -/O   | service_account.manage             | free org sa      | 403      |
| user-key  | admin/-       | -/O   | service_account.manage             | team sa          | allow    |
| user-key  | admin/-       | -/O   | service_account.manage             | free team sa     | 403      |
| user-key  | admin/-       | -/O   | api_key.create                     | own key          | allow    |
| user-key  | admin/-       | -/O   | api_key.create                     | other's key      | 404      |
| user-key  | admin/-       | -/O   | api_key.create                     | org sa key       | allow    |
| user-key  | admin/-       | -/O   | api_key.create                     | team sa key      | allow    |
| user-key  | admin/-       | -/O   | api_key.create                     | free team sa key | 403      |
| user-key  | admin/-       | -/O   | api_key.revoke                     | own key          | allow    |
| user-key  | admin/-       | -/O   | api_key.revoke                     | other's key      | 404      |
| user-key  | admin/-       | -/O   | api_key.revoke                     | org sa key       | allow    |
| user-key  | admin/-       | -/O   | api_key.revoke                     | team sa key      | allow    |
| user-key  | admin/-       | -/O   | api_key.revoke                     | free team sa key | 403      |
| user-key  | admin/-       | -/O   | user.manage_own                    | self             | allow    |
| user-key  | admin/-       | -/O   | user.manage_own                    | other user       | 404      |
| user-key  | member/admin  | T/O   | organization.read                  | org              | allow    |
| user-key  | member/admin  | T/O   | organization.manage_members        | org              | 403      |
| user-key  | member/admin  | T/O   | organization.list_api_keys         | org              | 403      |
| user-key  | member/admin  | T/O   | organization.read_audit_log        | org              | 403      |
| user-key  | member/admin  | T/O   | team.create                        | org              | 403      |
| user-key  | member/admin  | T/O   | service_account.list_org           | org              | 403      |
| user-key  | member/admin  | T/O   | service_account.list_org           | free org         | 403      |
| user-key  | member/admin  | T/O   | service_account.create_org_scoped  | org              | 403      |
| user-key  | member/admin  | T/O   | service_account.create_org_scoped  | free org         | 403      |
| user-key  | member/admin  | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user-key  | member/admin  | T/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user-key  | member/admin  | T/O   | team.read                          | team             | allow    |
| user-key  | member/admin  | T/O   | team.manage_members                | team             | allow    |
| user-key  | member/admin  | T/O   | team.update_settings               | team             | 403      |
| user-key  | member/admin  | T/O   | team.read_audit_log                | team             | allow    |
| user-key  | member/admin  | T/O   | service_account.list_team          | team             | allow    |
| user-key  | member/admin  | T/O   | service_account.list_team          | free team        | allow    |
| user-key  | member/admin  | T/O   | service_account.create_team_scoped | team             | allow    |
| user-key  | member/admin  | T/O   | service_account.create_team_scoped | free team        | 403      |
| user-key  | member/admin  | T/O   | project.create                     | team             | allow    |
| user-key  | member/admin  | T/O   | service_account.manage             | org sa           | 403      |
| user-key  | member/admin  | T/O   | service_account.manage             | free org sa      | 403      |
| user-key  | member/admin  | T/O   | service_account.manage             | team sa          | allow    |
| user-key  | member/admin  | T/O   | service_account.manage             | free team sa     | 403      |
| user-key  | member/admin  | T/O   | api_key.create                     | own key          | allow    |
| user-key  | member/admin  | T/O   | api_key.create                     | other's key      | 404      |
| user-key  | member/admin  | T/O   | api_key.create                     | org sa key       | 403      |
| user-key  | member/admin  | T/O   | api_key.create                     | team sa key      | allow    |
| user-key  | member/admin  | T/O   | api_key.create                     | free team sa key | 403      |
| user-key  | member/admin  | T/O   | api_key.revoke                     | own key          | allow    |
| user-key  | member/admin  | T/O   | api_key.revoke                     | other's key      | 404      |
| user-key  | member/admin  | T/O   | api_key.revoke                     | org sa key       | 403      |
| user-key  | member/admin  | T/O   | api_key.revoke                     | team sa key      | allow    |
| user-key  | member/admin  | T/O   | api_key.revoke                     | free team sa key | 403      |
| user-key  | member/admin  | T/O   | user.manage_own                    | self             | allow    |
| user-key  | member/admin  | T/O   | user.manage_own                    | other user       | 404      |
| user-key  | member/viewer | T/O   | organization.read                  | org              | allow    |
| user-key  | member/viewer | T/O   | organization.manage_members        | org              | 403      |
| user-key  | member/viewer | T/O   | organization.list_api_keys         | org              | 403      |
| user-key  | member/viewer | T/O   | organization.read_audit_log        | org              | 403      |
| user-key  | member/viewer | T/O   | team.create                        | org              | 403      |
| user-key  | member/viewer | T/O   | service_account.list_org           | org              | 403      |
| user-key  | member/viewer | T/O   | service_account.list_org           | free org         | 403      |
| user-key  | member/viewer | T/O   | service_account.create_org_scoped  | org              | 403      |
| user-key  | member/viewer | T/O   | service_account.create_org_scoped  | free org         | 403      |
| user-key  | member/viewer | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| user-key  | member/viewer | T/O   | jwt_issuer.manage                  | free jwt issuer  | 403      |
| user-key  | member/viewer | T/O   | team.read                          | team             | allow    |
| user-key  | member/viewer | T/O   | team.manage_members                | team             | 403      |
| user-key  | member/viewer | T/O   | team.update_settings               | team             | 403      |
| user-key  | member/viewer | T/O   | team.read_audit_log                | team             | 403      |
| user-key  | member/viewer | T/O   | service_account.list_team          | team             | 404      |
| user-key  | member/viewer | T/O   | service_account.list_team          | free team        | 404      |
| user-key  | member/viewer | T/O   | service_account.create_team_scoped | team             | 404      |
| user-key  | member/viewer | T/O   | service_account.create_team_scoped | free team        | 404      |
| user-key  | member/viewer | T/O   | project.create                     | team             | 403      |
| user-key  | member/viewer | T/O   | service_account.manage             | org sa           | 404      |
| user-key  | member/viewer | T/O   | service_account.manage             | free org sa      | 404      |
| user-key  | member/viewer | T/O   | service_account.manage             | team sa          | 404      |
| user-key  | member/viewer | T/O   | service_account.manage             | free team sa     | 404      |
| user-key  | member/viewer | T/O   | api_key.create                     | own key          | allow    |
| user-key  | member/viewer | T/O   | api_key.create                     | other's key      | 404      |
| user-key  | member/viewer | T/O   | api_key.create                     | org sa key       | 404      |
| user-key  | member/viewer | T/O   | api_key.create                     | team sa key      | 404      |
| user-key  | member/viewer | T/O   | api_key.create                     | free team sa key | 404      |
| user-key  | member/viewer | T/O   | api_key.revoke                     | own key          | allow    |
| user-key  | member/viewer | T/O   | api_key.revoke                     | other's key      | 404      |
| user-key  | member/viewer | T/O   | api_key.revoke                     | org sa key       | 404      |
| user-key  | member/viewer | T/O   | api_key.revoke                     | team sa key      | 404      |
| user-key  | member/viewer | T/O   | api_key.revoke                     | free team sa key | 404      |
| user-key  | member/viewer | T/O   | user.manage_own                    | self             | allow    |
| user-key  | member/viewer | T/O   | user.manage_own                    | other user       | 404      |

# Service accounts never administer (403 in their own org, 404 elsewhere). They may see their org
# and its teams, and create a project by logging where they may write (SPEC 4). A free org's SA: 401.
# (own key and self make no sense for a service account: those lines are left out.)
| sa-org    | -             | T/O   | organization.read                  | org              | allow    |
| sa-org    | -             | T/O   | organization.manage_members        | org              | 403      |
| sa-org    | -             | T/O   | organization.list_api_keys         | org              | 403      |
| sa-org    | -             | T/O   | organization.read_audit_log        | org              | 403      |
| sa-org    | -             | T/O   | team.create                        | org              | 403      |
| sa-org    | -             | T/O   | service_account.list_org           | org              | 403      |
| sa-org    | -             | T/O   | service_account.list_org           | free org         | 401      |
| sa-org    | -             | T/O   | service_account.create_org_scoped  | org              | 403      |
| sa-org    | -             | T/O   | service_account.create_org_scoped  | free org         | 401      |
| sa-org    | -             | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| sa-org    | -             | T/O   | jwt_issuer.manage                  | free jwt issuer  | 401      |
| sa-org    | -             | T/O   | team.read                          | team             | allow    |
| sa-org    | -             | T/O   | team.manage_members                | team             | 403      |
| sa-org    | -             | T/O   | team.update_settings               | team             | 403      |
| sa-org    | -             | T/O   | team.read_audit_log                | team             | 403      |
| sa-org    | -             | T/O   | service_account.list_team          | team             | 403      |
| sa-org    | -             | T/O   | service_account.list_team          | free team        | 401      |
| sa-org    | -             | T/O   | service_account.create_team_scoped | team             | 403      |
| sa-org    | -             | T/O   | service_account.create_team_scoped | free team        | 401      |
| sa-org    | -             | T/O   | project.create                     | team             | allow    |
| sa-org    | -             | T/O   | service_account.manage             | org sa           | 403      |
| sa-org    | -             | T/O   | service_account.manage             | free org sa      | 401      |
| sa-org    | -             | T/O   | service_account.manage             | team sa          | 403      |
| sa-org    | -             | T/O   | service_account.manage             | free team sa     | 401      |
| sa-org    | -             | T/O   | api_key.create                     | other's key      | 404      |
| sa-org    | -             | T/O   | api_key.create                     | org sa key       | 403      |
| sa-org    | -             | T/O   | api_key.create                     | team sa key      | 403      |
| sa-org    | -             | T/O   | api_key.create                     | free team sa key | 401      |
| sa-org    | -             | T/O   | api_key.revoke                     | other's key      | 404      |
| sa-org    | -             | T/O   | api_key.revoke                     | org sa key       | 403      |
| sa-org    | -             | T/O   | api_key.revoke                     | team sa key      | 403      |
| sa-org    | -             | T/O   | api_key.revoke                     | free team sa key | 401      |
| sa-org    | -             | T/O   | user.manage_own                    | other user       | 404      |
| sa-team   | -             | T/O   | organization.read                  | org              | allow    |
| sa-team   | -             | T/O   | organization.manage_members        | org              | 403      |
| sa-team   | -             | T/O   | organization.list_api_keys         | org              | 403      |
| sa-team   | -             | T/O   | organization.read_audit_log        | org              | 403      |
| sa-team   | -             | T/O   | team.create                        | org              | 403      |
| sa-team   | -             | T/O   | service_account.list_org           | org              | 403      |
| sa-team   | -             | T/O   | service_account.list_org           | free org         | 401      |
| sa-team   | -             | T/O   | service_account.create_org_scoped  | org              | 403      |
| sa-team   | -             | T/O   | service_account.create_org_scoped  | free org         | 401      |
| sa-team   | -             | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| sa-team   | -             | T/O   | jwt_issuer.manage                  | free jwt issuer  | 401      |
| sa-team   | -             | T/O   | team.read                          | team             | allow    |
| sa-team   | -             | T/O   | team.manage_members                | team             | 403      |
| sa-team   | -             | T/O   | team.update_settings               | team             | 403      |
| sa-team   | -             | T/O   | team.read_audit_log                | team             | 403      |
| sa-team   | -             | T/O   | service_account.list_team          | team             | 403      |
| sa-team   | -             | T/O   | service_account.list_team          | free team        | 401      |
| sa-team   | -             | T/O   | service_account.create_team_scoped | team             | 403      |
| sa-team   | -             | T/O   | service_account.create_team_scoped | free team        | 401      |
| sa-team   | -             | T/O   | project.create                     | team             | allow    |
| sa-team   | -             | T/O   | service_account.manage             | org sa           | 403      |
| sa-team   | -             | T/O   | service_account.manage             | free org sa      | 401      |
| sa-team   | -             | T/O   | service_account.manage             | team sa          | 403      |
| sa-team   | -             | T/O   | service_account.manage             | free team sa     | 401      |
| sa-team   | -             | T/O   | api_key.create                     | other's key      | 404      |
| sa-team   | -             | T/O   | api_key.create                     | org sa key       | 403      |
| sa-team   | -             | T/O   | api_key.create                     | team sa key      | 403      |
| sa-team   | -             | T/O   | api_key.create                     | free team sa key | 401      |
| sa-team   | -             | T/O   | api_key.revoke                     | other's key      | 404      |
| sa-team   | -             | T/O   | api_key.revoke                     | org sa key       | 403      |
| sa-team   | -             | T/O   | api_key.revoke                     | team sa key      | 403      |
| sa-team   | -             | T/O   | api_key.revoke                     | free team sa key | 401      |
| sa-team   | -             | T/O   | user.manage_own                    | other user       | 404      |
| sa-fed    | -             | T/O   | organization.read                  | org              | allow    |
| sa-fed    | -             | T/O   | organization.manage_members        | org              | 403      |
| sa-fed    | -             | T/O   | organization.list_api_keys         | org              | 403      |
| sa-fed    | -             | T/O   | organization.read_audit_log        | org              | 403      |
| sa-fed    | -             | T/O   | team.create                        | org              | 403      |
| sa-fed    | -             | T/O   | service_account.list_org           | org              | 403      |
| sa-fed    | -             | T/O   | service_account.list_org           | free org         | 401      |
| sa-fed    | -             | T/O   | service_account.create_org_scoped  | org              | 403      |
| sa-fed    | -             | T/O   | service_account.create_org_scoped  | free org         | 401      |
| sa-fed    | -             | T/O   | jwt_issuer.manage                  | jwt issuer       | 403      |
| sa-fed    | -             | T/O   | jwt_issuer.manage                  | free jwt issuer  | 401      |
| sa-fed    | -             | T/O   | team.read                          | team             | allow    |
| sa-fed    | -             | T/O   | team.manage_members                | team             | 403      |
| sa-fed    | -             | T/O   | team.update_settings               | team             | 403      |
| sa-fed    | -             | T/O   | team.read_audit_log                | team             | 403      |
| sa-fed    | -             | T/O   | service_account.list_team          | team             | 403      |
| sa-fed    | -             | T/O   | service_account.list_team          | free team        | 401      |
| sa-fed    | -             | T/O   | service_account.create_team_scoped | team             | 403      |
| sa-fed    | -             | T/O   | service_account.create_team_scoped | free team        | 401      |
| sa-fed    | -             | T/O   | project.create                     | team             | allow    |
| sa-fed    | -             | T/O   | service_account.manage             | org sa           | 403      |
| sa-fed    | -             | T/O   | service_account.manage             | free org sa      | 401      |
| sa-fed    | -             | T/O   | service_account.manage             | team sa          | 403      |
| sa-fed    | -             | T/O   | service_account.manage             | free team sa     | 401      |
| sa-fed    | -             | T/O   | api_key.create                     | other's key      | 404      |
| sa-fed    | -             | T/O   | api_key.create                     | org sa key       | 403      |
| sa-fed    | -             | T/O   | api_key.create                     | team sa key      | 403      |
| sa-fed    | -             | T/O   | api_key.create                     | free team sa key | 401      |
| sa-fed    | -             | T/O   | api_key.revoke                     | other's key      | 404      |
| sa-fed    | -             | T/O   | api_key.revoke                     | org sa key       | 403      |
| sa-fed    | -             | T/O   | api_key.revoke                     | team sa key      | 403      |
| sa-fed    | -             | T/O   | api_key.revoke                     | free team sa key | 401      |
| sa-fed    | -             | T/O   | user.manage_own                    | other user       | 404      |
| sa-team   | -             | T2/O  | organization.read                  | org              | allow    |
| sa-team   | -             | T2/O  | organization.manage_members        | org              | 403      |
| sa-team   | -             | T2/O  | organization.list_api_keys         | org              | 403      |
| sa-team   | -             | T2/O  | organization.read_audit_log        | org              | 403      |
| sa-team   | -             | T2/O  | team.create                        | org              | 403      |
| sa-team   | -             | T2/O  | service_account.list_org           | org              | 403      |
| sa-team   | -             | T2/O  | service_account.list_org           | free org         | 401      |
| sa-team   | -             | T2/O  | service_account.create_org_scoped  | org              | 403      |
| sa-team   | -             | T2/O  | service_account.create_org_scoped  | free org         | 401      |
| sa-team   | -             | T2/O  | jwt_issuer.manage                  | jwt issuer       | 403      |
| sa-team   | -             | T2/O  | jwt_issuer.manage                  | free jwt issuer  | 401      |
| sa-team   | -             | T2/O  | team.read                          | team             | allow    |
| sa-team   | -             | T2/O  | team.manage_members                | team             | 403      |
| sa-team   | -             | T2/O  | team.update_settings               | team             | 403      |
| sa-team   | -             | T2/O  | team.read_audit_log                | team             | 403      |
| sa-team   | -             | T2/O  | service_account.list_team          | team             | 403      |
| sa-team   | -             | T2/O  | service_account.list_team          | free team        | 401      |
| sa-team   | -             | T2/O  | service_account.create_team_scoped | team             | 403      |
| sa-team   | -             | T2/O  | service_account.create_team_scoped | free team        | 401      |
| sa-team   | -             | T2/O  | project.create                     | team             | 403      |
| sa-team   | -             | T2/O  | service_account.manage             | org sa           | 403      |
| sa-team   | -             | T2/O  | service_account.manage             | free org sa      | 401      |
| sa-team   | -             | T2/O  | service_account.manage             | team sa          | 403      |
| sa-team   | -             | T2/O  | service_account.manage             | free team sa     | 401      |
| sa-team   | -             | T2/O  | api_key.create                     | other's key      | 404      |
| sa-team   | -             | T2/O  | api_key.create                     | org sa key       | 403      |
| sa-team   | -             | T2/O  | api_key.create                     | team sa key      | 403      |
| sa-team   | -             | T2/O  | api_key.create                     | free team sa key | 401      |
| sa-team   | -             | T2/O  | api_key.revoke                     | other's key      | 404      |
| sa-team   | -             | T2/O  | api_key.revoke                     | org sa key       | 403      |
| sa-team   | -             | T2/O  | api_key.revoke                     | team sa key      | 403      |
| sa-team   | -             | T2/O  | api_key.revoke                     | free team sa key | 401      |
| sa-team   | -             | T2/O  | user.manage_own                    | other user       | 404      |
| sa-team   | -             | T3/O2 | organization.read                  | org              | 404      |
| sa-team   | -             | T3/O2 | organization.manage_members        | org              | 404      |
| sa-team   | -             | T3/O2 | organization.list_api_keys         | org              | 404      |
| sa-team   | -             | T3/O2 | organization.read_audit_log        | org              | 404      |
| sa-team   | -             | T3/O2 | team.create                        | org              | 404      |
| sa-team   | -             | T3/O2 | service_account.list_org           | org              | 404      |
| sa-team   | -             | T3/O2 | service_account.list_org           | free org         | 404      |
| sa-team   | -             | T3/O2 | service_account.create_org_scoped  | org              | 404      |
| sa-team   | -             | T3/O2 | service_account.create_org_scoped  | free org         | 404      |
| sa-team   | -             | T3/O2 | jwt_issuer.manage                  | jwt issuer       | 404      |
| sa-team   | -             | T3/O2 | jwt_issuer.manage                  | free jwt issuer  | 404      |
| sa-team   | -             | T3/O2 | team.read                          | team             | 404      |
| sa-team   | -             | T3/O2 | team.manage_members                | team             | 404      |
| sa-team   | -             | T3/O2 | team.update_settings               | team             | 404      |
| sa-team   | -             | T3/O2 | team.read_audit_log                | team             | 404      |
| sa-team   | -             | T3/O2 | service_account.list_team          | team             | 404      |
| sa-team   | -             | T3/O2 | service_account.list_team          | free team        | 404      |
| sa-team   | -             | T3/O2 | service_account.create_team_scoped | team             | 404      |
| sa-team   | -             | T3/O2 | service_account.create_team_scoped | free team        | 404      |
| sa-team   | -             | T3/O2 | project.create                     | team             | 403      |
| sa-team   | -             | T3/O2 | service_account.manage             | org sa           | 404      |
| sa-team   | -             | T3/O2 | service_account.manage             | free org sa      | 404      |
| sa-team   | -             | T3/O2 | service_account.manage             | team sa          | 404      |
| sa-team   | -             | T3/O2 | service_account.manage             | free team sa     | 404      |
| sa-team   | -             | T3/O2 | api_key.create                     | other's key      | 404      |
| sa-team   | -             | T3/O2 | api_key.create                     | org sa key       | 404      |
| sa-team   | -             | T3/O2 | api_key.create                     | team sa key      | 404      |
| sa-team   | -             | T3/O2 | api_key.create                     | free team sa key | 404      |
| sa-team   | -             | T3/O2 | api_key.revoke                     | other's key      | 404      |
| sa-team   | -             | T3/O2 | api_key.revoke                     | org sa key       | 404      |
| sa-team   | -             | T3/O2 | api_key.revoke                     | team sa key      | 404      |
| sa-team   | -             | T3/O2 | api_key.revoke                     | free team sa key | 404      |
| sa-team   | -             | T3/O2 | user.manage_own                    | other user       | 404      |
| sa-org    | -             | T3/O2 | organization.read                  | org              | 404      |
| sa-org    | -             | T3/O2 | organization.manage_members        | org              | 404      |
| sa-org    | -             | T3/O2 | organization.list_api_keys         | org              | 404      |
| sa-org    | -             | T3/O2 | organization.read_audit_log        | org              | 404      |
| sa-org    | -             | T3/O2 | team.create                        | org              | 404      |
| sa-org    | -             | T3/O2 | service_account.list_org           | org              | 404      |
| sa-org    | -             | T3/O2 | service_account.list_org           | free org         | 404      |
| sa-org    | -             | T3/O2 | service_account.create_org_scoped  | org              | 404      |
| sa-org    | -             | T3/O2 | service_account.create_org_scoped  | free org         | 404      |
| sa-org    | -             | T3/O2 | jwt_issuer.manage                  | jwt issuer       | 404      |
| sa-org    | -             | T3/O2 | jwt_issuer.manage                  | free jwt issuer  | 404      |
| sa-org    | -             | T3/O2 | team.read                          | team             | 404      |
| sa-org    | -             | T3/O2 | team.manage_members                | team             | 404      |
| sa-org    | -             | T3/O2 | team.update_settings               | team             | 404      |
| sa-org    | -             | T3/O2 | team.read_audit_log                | team             | 404      |
| sa-org    | -             | T3/O2 | service_account.list_team          | team             | 404      |
| sa-org    | -             | T3/O2 | service_account.list_team          | free team        | 404      |
| sa-org    | -             | T3/O2 | service_account.create_team_scoped | team             | 404      |
| sa-org    | -             | T3/O2 | service_account.create_team_scoped | free team        | 404      |
| sa-org    | -             | T3/O2 | project.create                     | team             | 403      |
| sa-org    | -             | T3/O2 | service_account.manage             | org sa           | 404      |
| sa-org    | -             | T3/O2 | service_account.manage             | free org sa      | 404      |
| sa-org    | -             | T3/O2 | service_account.manage             | team sa          | 404      |
| sa-org    | -             | T3/O2 | service_account.manage             | free team sa     | 404      |
| sa-org    | -             | T3/O2 | api_key.create                     | other's key      | 404      |
| sa-org    | -             | T3/O2 | api_key.create                     | org sa key       | 404      |
| sa-org    | -             | T3/O2 | api_key.create                     | team sa key      | 404      |
| sa-org    | -             | T3/O2 | api_key.create                     | free team sa key | 404      |
| sa-org    | -             | T3/O2 | api_key.revoke                     | other's key      | 404      |
| sa-org    | -             | T3/O2 | api_key.revoke                     | org sa key       | 404      |
| sa-org    | -             | T3/O2 | api_key.revoke                     | team sa key      | 404      |
| sa-org    | -             | T3/O2 | api_key.revoke                     | free team sa key | 404      |
| sa-org    | -             | T3/O2 | user.manage_own                    | other user       | 404      |

# Anonymous: nothing to administer without credentials: 401.
| anon      | -             | -/-   | organization.read                  | org              | 401      |
| anon      | -             | -/-   | organization.manage_members        | org              | 401      |
| anon      | -             | -/-   | organization.list_api_keys         | org              | 401      |
| anon      | -             | -/-   | organization.read_audit_log        | org              | 401      |
| anon      | -             | -/-   | team.create                        | org              | 401      |
| anon      | -             | -/-   | service_account.list_org           | org              | 401      |
| anon      | -             | -/-   | service_account.list_org           | free org         | 401      |
| anon      | -             | -/-   | service_account.create_org_scoped  | org              | 401      |
| anon      | -             | -/-   | service_account.create_org_scoped  | free org         | 401      |
| anon      | -             | -/-   | jwt_issuer.manage                  | jwt issuer       | 401      |
| anon      | -             | -/-   | jwt_issuer.manage                  | free jwt issuer  | 401      |
| anon      | -             | -/-   | team.read                          | team             | 401      |
| anon      | -             | -/-   | team.manage_members                | team             | 401      |
| anon      | -             | -/-   | team.update_settings               | team             | 401      |
| anon      | -             | -/-   | team.read_audit_log                | team             | 401      |
| anon      | -             | -/-   | service_account.list_team          | team             | 401      |
| anon      | -             | -/-   | service_account.list_team          | free team        | 401      |
| anon      | -             | -/-   | service_account.create_team_scoped | team             | 401      |
| anon      | -             | -/-   | service_account.create_team_scoped | free team        | 401      |
| anon      | -             | -/-   | project.create                     | team             | 401      |
| anon      | -             | -/-   | service_account.manage             | org sa           | 401      |
| anon      | -             | -/-   | service_account.manage             | free org sa      | 401      |
| anon      | -             | -/-   | service_account.manage             | team sa          | 401      |
| anon      | -             | -/-   | service_account.manage             | free team sa     | 401      |
| anon      | -             | -/-   | api_key.create                     | other's key      | 401      |
| anon      | -             | -/-   | api_key.create                     | org sa key       | 401      |
| anon      | -             | -/-   | api_key.create                     | team sa key      | 401      |
| anon      | -             | -/-   | api_key.create                     | free team sa key | 401      |
| anon      | -             | -/-   | api_key.revoke                     | other's key      | 401      |
| anon      | -             | -/-   | api_key.revoke                     | org sa key       | 401      |
| anon      | -             | -/-   | api_key.revoke                     | team sa key      | 401      |
| anon      | -             | -/-   | api_key.revoke                     | free team sa key | 401      |
| anon      | -             | -/-   | user.manage_own                    | other user       | 401      |
`;
