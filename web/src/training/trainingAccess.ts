/** The absolute join link trainees open, e.g. `https://brandwache.example/training/join/Xy7…`. */
export function joinUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, "")}/training/join/${encodeURIComponent(code)}`;
}

/** Where a participant's certificate PDF is downloaded, in the given language. */
export function certificateUrl(exerciseId: string, userId: string, lang: "de" | "en"): string {
  return `/api/training/exercises/${encodeURIComponent(exerciseId)}/certificates/${encodeURIComponent(userId)}?lang=${lang}`;
}
