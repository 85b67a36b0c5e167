import { z } from "zod";

/** The OpenAPI schema of a file in a response (`format: binary`), for PDF, PNG and ZIP downloads. */
export const binaryBody = z.string().meta({ format: "binary" });

/** Bytes as a reply body: the typed reply expects the schema's string; Fastify sends a Buffer as it is. */
export const asBody = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as string;
