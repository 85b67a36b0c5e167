// Every table, for Drizzle's relational queries and drizzle-kit's migration generator.
export * from "../../alerts/alerts.table.ts";
export * from "../../audit/audit.table.ts";
export * from "../../authors/authors.table.ts";
export * from "../../connectors/connectors.table.ts";
export * from "../../evidence/evidence.table.ts";
export * from "../../inbox/inbox.table.ts";
export * from "../../incidents/incidents.table.ts";
export * from "../../orgs/orgs.table.ts";
export * from "../../playbooks/playbooks.table.ts";
export * from "../../posts/posts.table.ts";
export * from "../../publishing/publishing.table.ts";
export * from "../../risk/risk.table.ts";
export * from "../../scenarios/scenarios.table.ts";
export * from "../../sources/sources.table.ts";
export * from "../../stakeholders/stakeholders.table.ts";
export * from "../../topics/topics.table.ts";
export * from "../../training/training.table.ts";
