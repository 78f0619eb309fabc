// The subset of W&B's GraphQL schema Steward serves: what @wandb/sdk and weave send (WIRE.md
// section 4, every variable type declared) plus project/model reads for scripts.
export const typeDefs = /* GraphQL */ `
  scalar JSONString
  scalar DateTime

  type Query {
    viewer: User
    project(name: String, entityName: String): Project
    model(name: String, entityName: String): Project
  }

  type Mutation {
    upsertBucket(input: UpsertBucketInput!): UpsertBucketPayload
    upsertModel(input: UpsertModelInput!): UpsertModelPayload
  }

  type User {
    id: ID!
    name: String
    username: String
    email: String
    entity: String
    defaultEntity: Entity
    teams: EntityConnection
    flags: JSONString
  }

  type Entity {
    id: ID!
    name: String!
  }

  type EntityConnection {
    edges: [EntityEdge!]!
  }

  type EntityEdge {
    node: Entity
  }

  input UpsertBucketInput {
    id: String
    name: String
    groupName: String
    modelName: String
    entityName: String
    description: String
    displayName: String
    notes: String
    config: JSONString
    commit: String
    host: String
    debug: Boolean
    jobProgram: String
    jobRepo: String
    jobType: String
    state: String
    sweep: String
    tags: [String!]
    summaryMetrics: JSONString
  }

  type UpsertBucketPayload {
    bucket: Run
    inserted: Boolean
  }

  input UpsertModelInput {
    id: String
    name: String
    entityName: String
    description: String
    access: String
  }

  type UpsertModelPayload {
    model: Project
    project: Project
    inserted: Boolean
  }

  type Project {
    id: ID!
    name: String!
    description: String
    entity: Entity
    entityName: String
    visibility: String
    access: String
    runs(first: Int, after: String): RunConnection
    bucket(name: String!, desc: String): Run
    run(name: String!): Run
  }

  type RunConnection {
    edges: [RunEdge!]!
    pageInfo: PageInfo!
  }

  type RunEdge {
    node: Run
    cursor: String
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  type Run {
    id: ID!
    name: String!
    displayName: String
    description: String
    state: String
    config: JSONString
    summaryMetrics: JSONString
    sweepName: String
    createdAt: DateTime
    updatedAt: DateTime
    user: User
    loggedBy: String
    attributionNote: String
    historyLineCount: Int
    project: Project
  }
`;
