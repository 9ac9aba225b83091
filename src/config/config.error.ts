/**
 * The environment does not describe a runnable app. The message has one line per problem, so that
 * a person fixing a deployment sees every mistake at once instead of one per restart.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = new.target.name;
  }
}
