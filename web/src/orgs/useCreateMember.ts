import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { MemberCreate, MemberRead } from "../../../src/orgs/orgs.schema.ts";
import { api } from "../app/api.ts";
import { membersKey } from "./membersKey.ts";

/** Adds a member with a role (`POST /api/users`; admins only). */
export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MemberCreate) => api<MemberRead>("/api/users", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
}
