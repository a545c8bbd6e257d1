// Creating and editing a treaty (the rule builder), inviting countries, one act for many countries, importing a history.
export const editor = {};
