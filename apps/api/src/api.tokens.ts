/** Injection token of the read model's repositories (createReadModelRepositories, the read side's composition root). */
export const READ_MODEL_REPOSITORIES = Symbol('READ_MODEL_REPOSITORIES');

/** Injection token of the read model's distribution source (model metadata in the artifact store). */
export const DISTRIBUTIONS = Symbol('DISTRIBUTIONS');

/** Injection token of the betting gates (libs/prediction RecommendOptions) the picks are called with. */
export const RECOMMEND_OPTIONS = Symbol('RECOMMEND_OPTIONS');

/** Injection token of whether the board must ask the browser for an API key (true once the API-key guard is on). */
export const BOARD_KEY_REQUIRED = Symbol('BOARD_KEY_REQUIRED');
