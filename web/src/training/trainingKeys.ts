/** Query keys of the training domain; invalidating `trainingKey` refreshes all of them. */
export const trainingKey = ["training"] as const;
export const scenariosKey = ["training", "scenarios"] as const;
export const scenarioKey = (id: string) => ["training", "scenarios", id] as const;
export const exercisesKey = ["training", "exercises"] as const;
export const exerciseKey = (id: string) => ["training", "exercises", id] as const;
export const feedKey = (id: string) => ["training", "exercises", id, "feed"] as const;
export const debriefKey = (id: string) => ["training", "exercises", id, "debrief"] as const;
export const joinInfoKey = (code: string) => ["training", "join", code] as const;
export const currentExerciseKey = ["training", "current"] as const;
export const progressKey = ["training", "progress"] as const;
