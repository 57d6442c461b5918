// The typed API client: paths, parameters and bodies come from the server's OpenAPI document
// (schema.d.ts is generated from it at build time), so the pages cannot drift from the API.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Postmortem = Schemas["Postmortem"];
export type PostmortemInput = Schemas["PostmortemInput"];
export type Me = Schemas["Me"];
export type Token = Schemas["Token"];
export type FeedItem = Schemas["FeedItem"];
export type ReceivedLesson = Schemas["ReceivedLesson"];
export type LessonFields = Schemas["LessonFields"];
export type Subscription = Schemas["Subscription"];
export type PeerStatus = Schemas["PeerDeliveryStatus"];
export type Role = Me["role"];
export const ROLES = ["member", "reviewer", "admin"] as const satisfies readonly Role[];

export const CATEGORIES = [
  "change",
  "configuration",
  "capacity",
  "dependency",
  "software_defect",
  "infrastructure",
  "monitoring_gap",
  "process_gap",
  "human_system",
  "security",
  "unknown",
] as const satisfies readonly NonNullable<PostmortemInput["contributing_factors"]>[number]["category"][];

export type FindingType = Schemas["LessonFinding"]["type"];
export const FINDING_TYPES = [
  "PERSON",
  "USERNAME",
  "EMAIL",
  "PHONE",
  "ORG",
  "CUSTOMER",
  "HOSTNAME",
  "DOMAIN",
  "URL",
  "IP_ADDRESS",
  "MAC_ADDRESS",
  "SECRET",
  "ACCOUNT_ID",
] as const satisfies readonly FindingType[];

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export const STATUSES = ["draft", "in_review", "published"] as const;

export function csrfToken(): string | undefined {
  const match = document.cookie.split("; ").find((c) => c.startsWith("hindsight_csrf="));
  return match ? decodeURIComponent(match.slice("hindsight_csrf=".length)) : undefined;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// Browsers authenticate with the session cookie; every unsafe request echoes the CSRF cookie.
const csrf: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (UNSAFE.has(request.method) && token) request.headers.set("X-CSRF-Token", token);
    return request;
  },
};

// Tells the application shell when the session is gone, so it can ask to sign in again.
let onUnauthenticated: () => void = () => {};
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}
const session: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && !request.url.endsWith("/api/v1/session")) onUnauthenticated();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: "/", credentials: "same-origin" });
api.use(csrf, session);

export interface ApiErrorBody {
  error?: { code?: string; message?: string; field?: string };
  current?: Postmortem;
}

// An API refusal as a readable sentence, with the field it names.
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly body?: ApiErrorBody,
  ) {
    super(message);
  }
}

export function failure(response: Response, body: unknown): ApiFailure {
  const b = (body ?? {}) as ApiErrorBody;
  const code = b.error?.code ?? `http_${response.status}`;
  let message = b.error?.message ?? `The server answered ${response.status} ${response.statusText}`;
  if (response.status === 429) {
    const wait = response.headers.get("Retry-After");
    message = `Too many attempts. Try again${wait ? ` in ${wait} seconds` : " later"}.`;
  } else if (response.status === 503) {
    message = "The server cannot reach its database right now. Try again shortly.";
  }
  return new ApiFailure(response.status, code, message, b.error?.field, b);
}

// Unwraps an openapi-fetch answer: the data, or an ApiFailure thrown.
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result;
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, "network", "The server could not be reached. Check your connection.");
  }
  if (!result.response.ok) throw failure(result.response, result.error);
  return result.data as T;
}

export function describe(error: unknown): string {
  if (error instanceof ApiFailure)
    return error.field ? `${error.message} (${error.field})` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
