/** Query key of the organisation's connectors (`GET /api/connectors`). */
export const connectorsKey = ["connectors"] as const;

/** Query key of the connector kinds the installation offers (`GET /api/connector-kinds`). */
export const connectorKindsKey = ["connector-kinds"] as const;
