/** Query key of the alert channels list (`GET /api/alert-channels`). */
export const alertChannelsKey = ["alert-channels"] as const;
