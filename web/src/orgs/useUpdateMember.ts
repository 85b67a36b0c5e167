import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { MemberRead, MemberUpdate } from "../../../src/orgs/orgs.schema.ts";
import { api } from "../app/api.ts";
import { membersKey } from "./membersKey.ts";

/** Changes a member's role or name (`PATCH /api/users/:id`; admins only). */
export function useUpdateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: MemberUpdate }) =>
      api<MemberRead>(`/api/users/${encodeURIComponent(id)}`, { method: "PATCH", body: changes }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });
}
