"use client";
// One submit per form, however often the button is pressed: a ref blocks a second request while
// one is in flight, and every attempt carries the same execution name, so a retry after a lost
// response finds "already exists" and goes to the execution the first attempt created.
import { ConnectError } from "@connectrpc/connect";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { ExecutionCreateRequest } from "@/lib/gen/flyteidl/admin/execution_pb";
import { describeLaunchFailure, type LaunchFailure } from "@/lib/flyte/launch/create-request";
import { executionPath } from "@/lib/flyte/urls";
import { useCreateExecution } from "@/lib/query/launch";
import { refusalLead, roleRefusal } from "@/lib/query/permissions";

export function useLaunchSubmit() {
  const router = useRouter();
  const create = useCreateExecution();
  const inFlight = useRef(false);
  /** Names this form has sent: AlreadyExists for one of them is our own earlier attempt. */
  const sent = useRef(new Set<string>());
  const [failure, setFailure] = useState<LaunchFailure>();
  const [pending, setPending] = useState(false);
  const [launched, setLaunched] = useState<string>();

  const submit = async (request: ExecutionCreateRequest, generated: boolean) => {
    if (inFlight.current || launched) return;
    inFlight.current = true;
    setPending(true);
    setFailure(undefined);
    const { project, domain, name } = request;
    const ours = generated || sent.current.has(name);
    sent.current.add(name);
    try {
      await create.mutateAsync(request);
      setLaunched(name);
      router.push(executionPath({ project, domain, name }));
    } catch (err) {
      const ce = ConnectError.from(err);
      const f = describeLaunchFailure(ce.code, ce.rawMessage);
      if (f.alreadyCreated && ours) {
        setLaunched(name);
        router.push(executionPath({ project, domain, name }));
      } else if (f.alreadyCreated) {
        setFailure({ ...f, title: `An execution named ${name} already exists: choose another name` });
      } else if (roleRefusal(err)) {
        setFailure({ ...f, title: `${refusalLead("launch", { project, domain })}:`, message: ce.rawMessage || "FlyteAdmin refused it" });
      } else {
        setFailure(f);
      }
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  };

  return { submit, pending, failure, launched };
}
