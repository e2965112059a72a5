import MiniSearch from 'minisearch';

/**
 * MiniSearch (7.2) merges a query's options into the defaults with object spreads that add keys to the copy:
 * `{ ...defaults, ...options }` where the options carry `fields`, `tokenize`, `queries` the defaults lack. On
 * Node 20 every object made that way gets a hidden class of its own, allocated in old space, and the objects of
 * the search survive the young-generation collections that follow (measured on the bundled knowledge: 0.8–1.3 MB
 * kept per scavenge, all of it garbage, against 0.1 MB without these merges), which made those collections the
 * slowest answers. The two merges each search runs per sub-query are made here with `Object.assign` instead, and
 * the library's code is otherwise run as it is: the same options reach it, the results are the same.
 */
interface Internals {
  _options: { searchOptions: object };
  executeQuery(query: unknown, options?: object): Map<number, unknown>;
  executeQuerySpec(query: unknown, options: object): Map<number, unknown>;
  combineResults(results: Array<Map<number, unknown>>, combineWith?: string): Map<number, unknown>;
}
type Nested = { queries: unknown[]; combineWith?: string };

const NONE = Object.freeze({});
const proto = MiniSearch.prototype as unknown as Internals;
const { executeQuery, executeQuerySpec } = proto;

// Guarded: a MiniSearch that no longer has these methods runs its own code unchanged.
if (typeof executeQuery === 'function' && typeof executeQuerySpec === 'function' && typeof proto.combineResults === 'function') {
  proto.executeQuery = function (this: Internals, query, options = {}) {
    if (!query || typeof query !== 'object' || !Array.isArray((query as Nested).queries)) return executeQuery.call(this, query, options);
    // As the library does it: the nested query's options over the caller's, without its sub-queries.
    const merged = Object.assign({}, options, query, { queries: undefined }) as { combineWith?: string };
    return this.combineResults(
      (query as Nested).queries.map((q) => this.executeQuery(q, merged)),
      merged.combineWith,
    );
  };
  proto.executeQuerySpec = function (this: Internals, query, options) {
    // The library spreads its defaults and then these options: given the defaults already merged, and no defaults
    // of its own for the call, its copy starts from an empty object and takes the keys in one go.
    const merged = Object.assign({}, this._options.searchOptions, options);
    const own = this._options;
    const defaults = own.searchOptions;
    own.searchOptions = NONE;
    try {
      return executeQuerySpec.call(this, query, merged);
    } finally {
      own.searchOptions = defaults;
    }
  };
}
