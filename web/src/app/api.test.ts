import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, setCsrfToken, setUnauthorizedHandler, withQuery } from "./api.ts";

function respond(status: number, body?: unknown, contentType = "application/problem+json") {
  const fetchMock = vi.fn(
    async (_url: string, _init: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { "content-type": contentType },
      }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthorizedHandler(null);
});

describe("withQuery", () => {
  it("leaves out empty values and encodes the rest", () => {
    expect(withQuery("/api/posts", { q: "kündigung störung", lang: undefined, topicId: "", limit: 50 })).toBe(
      "/api/posts?q=k%C3%BCndigung+st%C3%B6rung&limit=50",
    );
    expect(withQuery("/api/posts", {})).toBe("/api/posts");
  });
});

describe("api", () => {
  it("sends the session cookie and the CSRF token on writes", async () => {
    const fetchMock = respond(201, { id: "t1" }, "application/json");
    setCsrfToken("csrf-123");
    await api("/api/topics", { method: "POST", body: { name: "x", query: "y" } });
    const [, init] = fetchMock.mock.calls[0] ?? [];
    expect(init?.credentials).toBe("same-origin");
    expect(init?.headers).toMatchObject({ "x-csrf-token": "csrf-123", "content-type": "application/json" });
    expect(init?.body).toBe('{"name":"x","query":"y"}');
  });

  it("sends no CSRF token on reads", async () => {
    const fetchMock = respond(200, { items: [] }, "application/json");
    setCsrfToken("csrf-123");
    await api("/api/topics");
    expect(fetchMock.mock.calls[0]?.[1].headers).not.toHaveProperty("x-csrf-token");
  });

  it("turns a problem+json answer into an ApiError with field errors", async () => {
    respond(400, {
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "The request is invalid.",
      code: "validation_failed",
      errors: [{ field: "name", message: "Required" }],
    });
    const error = await api("/api/topics", { method: "POST", body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe("The request is invalid.");
    expect((error as ApiError).fieldError("name")).toBe("Required");
    expect((error as ApiError).problem.code).toBe("validation_failed");
  });

  it("reports an ended session, except for the auth calls themselves", async () => {
    const ended = vi.fn();
    setUnauthorizedHandler(ended);
    respond(401, { status: 401, title: "Unauthorized" });
    await expect(api("/api/auth/me")).rejects.toBeInstanceOf(ApiError);
    expect(ended).not.toHaveBeenCalled();
    await expect(api("/api/posts")).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledOnce();
  });

  it("returns nothing for 204", async () => {
    respond(204);
    await expect(api("/api/topics/t1", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("names a network failure", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));
    const error = (await api("/api/posts").catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.problem.code).toBe("network_error");
  });
});
