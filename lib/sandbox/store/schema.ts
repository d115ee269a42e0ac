// One table per resource: indexed columns for what lists filter and sort by, and the
// full protobuf message (`message`, toBinary) as the source of truth for reads.
// Times are epoch milliseconds; phases are enum names (as FlyteAdmin stores them).
// As in FlyteAdmin, `created_at`/`updated_at` of executions, node and task executions are when the
// store wrote the row (its own clock), while `execution_*`, `node_execution_*`, `task_execution_*`
// times are the closure's, reported by the executor in its events (FlytePropeller's clock).
export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL DEFAULT 0,
  message BLOB NOT NULL
);

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  digest TEXT NOT NULL,
  message BLOB NOT NULL,
  UNIQUE (project, domain, name, version)
);

CREATE TABLE workflows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  digest TEXT NOT NULL,
  message BLOB NOT NULL,
  UNIQUE (project, domain, name, version)
);

CREATE TABLE launch_plans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  workflow_name TEXT NOT NULL DEFAULT '',
  workflow_version TEXT NOT NULL DEFAULT '',
  schedule_type TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL,
  message BLOB NOT NULL,
  UNIQUE (project, domain, name, version)
);

CREATE TABLE named_entities (
  resource_type INTEGER NOT NULL, project TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (resource_type, project, domain, name)
);

CREATE TABLE description_entities (
  resource_type INTEGER NOT NULL, project TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL, version TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  message BLOB NOT NULL,
  PRIMARY KEY (resource_type, project, domain, name, version)
);

CREATE TABLE executions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project TEXT NOT NULL, domain TEXT NOT NULL, name TEXT NOT NULL,
  phase TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  execution_updated_at INTEGER NOT NULL,
  started_at INTEGER,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  mode INTEGER NOT NULL DEFAULT 0,
  user TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL DEFAULT 0,
  workflow_project TEXT NOT NULL DEFAULT '', workflow_domain TEXT NOT NULL DEFAULT '',
  workflow_name TEXT NOT NULL DEFAULT '', workflow_version TEXT NOT NULL DEFAULT '',
  launch_plan_project TEXT NOT NULL DEFAULT '', launch_plan_domain TEXT NOT NULL DEFAULT '',
  launch_plan_name TEXT NOT NULL DEFAULT '', launch_plan_version TEXT NOT NULL DEFAULT '',
  task_name TEXT NOT NULL DEFAULT '', task_version TEXT NOT NULL DEFAULT '',
  launch_entity TEXT NOT NULL DEFAULT 'launch_plan',
  parent_node_execution TEXT,
  error_kind TEXT,
  error_code TEXT,
  message BLOB NOT NULL,
  inputs BLOB,
  user_inputs BLOB,
  outputs BLOB,
  UNIQUE (project, domain, name)
);
CREATE INDEX executions_by_created ON executions (project, domain, created_at);
CREATE INDEX executions_by_phase ON executions (phase);
CREATE INDEX executions_by_parent ON executions (parent_node_execution);

CREATE TABLE execution_tags (
  execution_id INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT ''
);
CREATE INDEX execution_tags_by_execution ON execution_tags (execution_id);
CREATE INDEX execution_tags_by_key ON execution_tags (kind, key, value);

CREATE TABLE node_executions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  execution_id INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  parent_node_id TEXT,
  parent_task_key TEXT,
  rev INTEGER NOT NULL DEFAULT 0,
  phase TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  node_execution_created_at INTEGER NOT NULL,
  node_execution_updated_at INTEGER NOT NULL,
  started_at INTEGER,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  error_kind TEXT,
  error_code TEXT,
  cache_status TEXT,
  message BLOB NOT NULL,
  inputs BLOB,
  outputs BLOB,
  dynamic_workflow BLOB,
  UNIQUE (execution_id, node_id)
);
CREATE INDEX node_executions_by_parent ON node_executions (execution_id, parent_node_id);
CREATE INDEX node_executions_by_parent_task ON node_executions (execution_id, parent_task_key);

CREATE TABLE task_executions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  execution_id INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  node_id TEXT NOT NULL,
  task_project TEXT NOT NULL, task_domain TEXT NOT NULL, task_name TEXT NOT NULL, task_version TEXT NOT NULL,
  retry_attempt INTEGER NOT NULL,
  rev INTEGER NOT NULL DEFAULT 0,
  phase TEXT NOT NULL,
  phase_version INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  task_execution_created_at INTEGER NOT NULL,
  task_execution_updated_at INTEGER NOT NULL,
  started_at INTEGER,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  message BLOB NOT NULL,
  inputs BLOB,
  outputs BLOB,
  UNIQUE (execution_id, node_id, task_project, task_domain, task_name, task_version, retry_attempt)
);
CREATE INDEX task_executions_by_node ON task_executions (execution_id, node_id);

CREATE TABLE signals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  execution_id INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  signal_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  message BLOB NOT NULL,
  UNIQUE (execution_id, signal_id)
);

-- Every accepted event, in order: the history GetExecutionMetrics builds spans from.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  execution_id INTEGER NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  node_id TEXT NOT NULL DEFAULT '',
  retry_attempt INTEGER NOT NULL DEFAULT 0,
  phase TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  message BLOB NOT NULL
);
CREATE INDEX events_by_execution ON events (execution_id, id);

-- Matchable attributes (task resources, execution queues, …) as FlyteAdmin's resources table keeps them:
-- one row per resource type and level; project '' or domain '' is the wider level.
CREATE TABLE resource_attributes (
  resource_type INTEGER NOT NULL,
  project TEXT NOT NULL,
  domain TEXT NOT NULL,
  attributes BLOB NOT NULL,
  PRIMARY KEY (resource_type, project, domain)
);

-- Outputs of successful cacheable task attempts, keyed by task, cache version and inputs.
CREATE TABLE cache_entries (
  task_key TEXT NOT NULL,
  cache_version TEXT NOT NULL,
  inputs_digest TEXT NOT NULL,
  source BLOB NOT NULL,
  outputs BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (task_key, cache_version, inputs_digest)
);
`;

// Indexes for what execution lists filter and sort by (phase, workflow, launch plan, user, state, times,
// duration; tags go through execution_tags_by_key). Created with IF NOT EXISTS on every open, so a data
// folder from before they existed gets them without being rebuilt.
export const INDEXES = `
CREATE INDEX IF NOT EXISTS executions_by_phase_created ON executions (project, domain, phase, created_at);
CREATE INDEX IF NOT EXISTS executions_by_workflow ON executions (project, domain, workflow_name, created_at);
CREATE INDEX IF NOT EXISTS executions_by_launch_plan ON executions (project, domain, launch_plan_name, created_at);
CREATE INDEX IF NOT EXISTS executions_by_user ON executions (project, domain, user, created_at);
CREATE INDEX IF NOT EXISTS executions_by_state ON executions (project, domain, state, created_at);
CREATE INDEX IF NOT EXISTS executions_by_started ON executions (project, domain, started_at);
CREATE INDEX IF NOT EXISTS executions_by_updated ON executions (project, domain, updated_at);
CREATE INDEX IF NOT EXISTS executions_by_duration ON executions (project, domain, duration_ms);
CREATE INDEX IF NOT EXISTS node_executions_by_updated ON node_executions (execution_id, updated_at);
`;
