import {
  Button,
  Group,
  NativeSelect,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { MemberCreate, Role } from "../../../src/orgs/orgs.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCreateMember } from "./useCreateMember.ts";

type Field = "email" | "name" | "role" | "password";

/** Admins add a member with email, name, role and a first password (at least 12 characters). */
export function AddMemberForm() {
  const { t } = useTranslation();
  const create = useCreateMember();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("agent");
  const [password, setPassword] = useState("");
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});
  const serverError = create.error instanceof ApiError ? create.error : null;
  const fieldError = (field: Field) => localErrors[field] ?? serverError?.fieldError(field);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // The shared contract schema catches the obvious mistakes before a round trip.
    const parsed = MemberCreate.safeParse({ email: email.trim(), name, role, password });
    if (!parsed.success) {
      const errors: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        errors[field] ??= t(`users.invalid.${field}`);
      }
      setLocalErrors(errors);
      return;
    }
    setLocalErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        setEmail("");
        setName("");
        setPassword("");
        setRole("agent");
      },
    });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="add-member-title">
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-member-title">
            {t("users.addTitle")}
          </Title>
          {create.error && !serverError?.problem.errors?.length && <ProblemAlert error={create.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("users.email")}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError("email")}
              data-testid="user-email"
            />
            <TextInput
              label={t("users.name")}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError("name")}
              data-testid="user-name-input"
            />
            <NativeSelect
              label={t("users.role")}
              data={Role.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={role}
              onChange={(e) => setRole(Role.parse(e.currentTarget.value))}
              error={fieldError("role")}
              data-testid="user-role-new"
            />
            <PasswordInput
              label={t("users.password")}
              description={t("users.passwordHint")}
              required
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError("password")}
              visibilityToggleButtonProps={{ "aria-label": t("common.togglePassword") }}
              data-testid="user-password"
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending} data-testid="user-save">
              {t("users.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
