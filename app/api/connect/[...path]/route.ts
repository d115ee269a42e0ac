import { bff } from "@/lib/admin/bff";
import { observed } from "@/lib/admin/observe";

export const dynamic = "force-dynamic";

const handle = observed("/api/connect", (request: Request) => bff()(request));

export const POST = handle;
export const GET = handle;
