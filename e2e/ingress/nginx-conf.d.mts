export const FLYTEADMIN_HTTP_PATHS: string[];
export const FLYTEADMIN_GRPC_PATHS: string[];
export function nginxConf(o: {
  prefix: string;
  host?: string;
  httpPort: number;
  grpcPort: number;
  consolePorts: number[];
  adminHttpPort: number;
  adminGrpcPort: number;
  basePath?: string;
}): string;
