/** The body of a route that takes no fields: one sent anyway is an unknown field (400), as on every route. */
export class NoFieldsDto {}
