// Every AdminService / SignalService / DataProxyService method the sandbox serves. Methods left out answer
// Unimplemented (the router's default), exactly as an older FlyteAdmin would. With auth on, also
// AuthMetadataService and IdentityService (FlyteAdmin registers them only then). Server reflection
// lists and describes exactly what is served.
import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter } from "@connectrpc/connect";
import { AdminService } from "@/lib/gen/flyteidl/service/admin_pb";
import { AuthMetadataService } from "@/lib/gen/flyteidl/service/auth_pb";
import { IdentityService } from "@/lib/gen/flyteidl/service/identity_pb";
import { DataProxyService } from "@/lib/gen/flyteidl/service/dataproxy_pb";
import { SignalService } from "@/lib/gen/flyteidl/service/signal_pb";
import { authMetadataService, identityService } from "../auth/services";
import { attributesService } from "./attributes";
import { reflectionRoutes } from "../grpc/reflection";
import type { SandboxContext } from "./context";
import { dataProxyService } from "./dataproxy";
import { entityReadService } from "./entities";
import { eventService } from "./events";
import { executionReadService } from "./executions";
import { executionStateService } from "./executionState";
import { launchPlanStateService } from "./launchPlans";
import { launchService } from "./launch";
import { metricsService } from "./metrics";
import { namedEntityService } from "./namedEntities";
import { nodeExecutionService } from "./nodeExecutions";
import { projectService } from "./projects";
import { registrationService } from "./registration";
import { signalService } from "./signals";
import { taskExecutionService } from "./taskExecutions";

export function sandboxRoutes(ctx: SandboxContext): (router: ConnectRouter) => void {
  return (router) => {
    router.service(AdminService, {
      ...projectService(ctx),
      ...registrationService(ctx),
      ...entityReadService(ctx),
      ...launchPlanStateService(ctx),
      ...namedEntityService(ctx),
      ...executionReadService(ctx),
      ...launchService(ctx),
      ...executionStateService(ctx),
      ...eventService(ctx),
      ...nodeExecutionService(ctx),
      ...taskExecutionService(ctx),
      ...metricsService(ctx),
      ...attributesService(ctx),
    });
    router.service(SignalService, signalService(ctx));
    router.service(DataProxyService, dataProxyService(ctx));
    const served: DescService[] = [AdminService, SignalService, DataProxyService];
    if (ctx.auth) {
      router.service(AuthMetadataService, authMetadataService(ctx.auth));
      router.service(IdentityService, identityService());
      served.push(AuthMetadataService, IdentityService);
    }
    reflectionRoutes(served)(router);
  };
}
