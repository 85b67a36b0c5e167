/** The address an incoming-webhook connector receives posts at (`POST /api/connectors/<id>/webhook`) on this installation. */
export function webhookEndpoint(origin: string, connectorId: string): string {
  return `${origin}/api/connectors/${encodeURIComponent(connectorId)}/webhook`;
}
