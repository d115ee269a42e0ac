/** A value as plain JSON, except that an int64 outside the safe range stays an exact bigint. */
export type JsonLike = null | boolean | number | bigint | string | JsonLike[] | { [key: string]: JsonLike };
