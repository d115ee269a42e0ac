/** A list request FlyteAdmin would refuse (filters, sort, token): the services answer InvalidArgument. */
export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryError";
  }
}
