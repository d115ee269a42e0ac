// Project-domain attributes an operator would have set with flytectl, so the console's domain
// settings view has something to show: some per domain, one for the whole project, most types unset.
import { create, toBinary, type MessageInitShape } from "@bufbuild/protobuf";
import { MatchableResource, MatchingAttributesSchema } from "@/lib/gen/flyteidl/admin/matchable_resource_pb";
import { QualityOfService_Tier } from "@/lib/gen/flyteidl/core/execution_pb";
import { putAttributes } from "../store/attributes";
import type { Db } from "../store/db";

type Target = MessageInitShape<typeof MatchingAttributesSchema>["target"];

const SEEDED: { type: MatchableResource; project: string; domain: string; target: Target }[] = [
  {
    type: MatchableResource.TASK_RESOURCE,
    project: "flytesnacks",
    domain: "development",
    target: { case: "taskResourceAttributes", value: { defaults: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi", gpu: "1" } } },
  },
  {
    type: MatchableResource.EXECUTION_QUEUE,
    project: "flytesnacks",
    domain: "development",
    target: { case: "executionQueueAttributes", value: { tags: ["gpu-pool", "critical"] } },
  },
  {
    type: MatchableResource.WORKFLOW_EXECUTION_CONFIG,
    project: "flytesnacks",
    domain: "development",
    target: {
      case: "workflowExecutionConfig",
      value: {
        maxParallelism: 25,
        rawOutputDataConfig: { outputLocationPrefix: "s3://my-bucket/flytesnacks/development" },
        labels: { values: { team: "ml-platform" } },
        annotations: { values: { "cost-center": "1234" } },
        interruptible: true,
        securityContext: { runAs: { k8sServiceAccount: "flytesnacks-runner" } },
        envs: { values: [{ key: "FLYTE_SDK_LOGGING_LEVEL", value: "20" }] },
      },
    },
  },
  {
    type: MatchableResource.QUALITY_OF_SERVICE_SPECIFICATION,
    project: "flytesnacks",
    domain: "development",
    target: { case: "qualityOfService", value: { designation: { case: "tier", value: QualityOfService_Tier.HIGH } } },
  },
  // Set for the project as a whole (every domain), as `flytectl update cluster-resource-attribute -p flytesnacks` does.
  {
    type: MatchableResource.CLUSTER_RESOURCE,
    project: "flytesnacks",
    domain: "",
    target: { case: "clusterResourceAttributes", value: { attributes: { projectQuotaCpu: "16", projectQuotaMemory: "64Gi" } } },
  },
  {
    type: MatchableResource.EXECUTION_CLUSTER_LABEL,
    project: "flytesnacks",
    domain: "production",
    target: { case: "executionClusterLabel", value: { value: "prod-us-east" } },
  },
];

export function seedAttributes(db: Db): void {
  for (const s of SEEDED) putAttributes(db, s.type, s.project, s.domain, toBinary(MatchingAttributesSchema, create(MatchingAttributesSchema, { target: s.target })));
}
