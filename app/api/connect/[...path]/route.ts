import { bff } from "@/lib/admin/bff";

export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return bff()(request);
}

export function GET(request: Request) {
  return bff()(request);
}
