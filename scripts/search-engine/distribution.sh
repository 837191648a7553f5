# Sourced by scripts/search-engine/start and .../cluster: where the OpenSearch distribution
# lives, how to fetch it, which JDK runs it and which user (as root) runs the nodes, so a single
# node and the two-node test cluster share one download in .build/search-engine.
#
# Why OpenSearch and not Elasticsearch: OpenSearch's integ-test-zip ships the
# analysis-common (arabic analyzer, stemmers...) and mapper-extras (rank_feature,
# search_as_you_type) modules; Elasticsearch's lacks them and Elastic does not
# publish those modules to Maven Central.
#
# Env: SEARCH_ENGINE_JAVA_HOME (auto: newest JDK 21-25 under /usr/lib/jvm),
#      SEARCH_ENGINE_USER (only used as root).

OPENSEARCH_VERSION=3.6.0   # supports JDK 21..25
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
RUN_AS=${SEARCH_ENGINE_USER:-tasharuk-search}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=$REPO/.build/search-engine
DIST=$BUILD/opensearch-$OPENSEARCH_VERSION

# OpenSearch $OPENSEARCH_VERSION needs JDK 21+; newer majors than 25 are untested with it.
# Prints the JDK's home; dies (with the caller's die) when there is none.
find_java_home() {
  local best=0 home=${SEARCH_ENGINE_JAVA_HOME:-} d v
  if [[ -z $home ]]; then
    for d in /usr/lib/jvm/*/; do
      d=${d%/}
      v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
      if [[ -x $d/bin/java && -n $v ]] && (( v >= 21 && v <= 25 && v > best )); then
        best=$v home=$d
      fi
    done
    [[ -n $home ]] || die "no JDK 21..25 found under /usr/lib/jvm (set SEARCH_ENGINE_JAVA_HOME)"
  fi
  echo "$home"
}

# Unpack the distribution into $DIST unless a complete one is there. The caller holds
# $BUILD/start.lock, so two scripts never unpack at once.
fetch_distribution() {
  [[ -f $DIST/.complete ]] && return 0
  echo "search-engine: fetching OpenSearch $OPENSEARCH_VERSION with mvn (cached in ~/.m2)"
  rm -rf "$BUILD/unpack" "$DIST"
  mkdir -p "$BUILD/unpack"
  # Run in unpack/ since the pom-less plugin drops a literal '${project.basedir}' dir
  # in the cwd. ingest-geoip is excluded: 70 MB of GeoIP databases we have no use for.
  (cd "$BUILD/unpack" && mvn -B -Dstyle.color=never "$DEPENDENCY_PLUGIN:unpack" \
    -Dartifact="org.opensearch.distribution.integ-test-zip:opensearch:$OPENSEARCH_VERSION:zip" \
    -DoutputDirectory="$BUILD/unpack" \
    -Dmdep.unpack.excludes='*/modules/ingest-geoip/**' \
    >"$BUILD/mvn.log" 2>&1) || { tail -n 30 "$BUILD/mvn.log" >&2; die "mvn failed (full log: $BUILD/mvn.log)"; }
  mv "$BUILD/unpack/opensearch-$OPENSEARCH_VERSION" "$DIST"
  rm -rf "$BUILD/unpack"
  touch "$DIST/.complete"
}

# OpenSearch refuses to run as root (no override exists), so as root (CI) nodes run as an
# unprivileged system user that owns their directories. Sets RUN (the command prefix) and
# chowns the given directories to that user; as a normal user RUN is empty.
prepare_run_as() {
  RUN=()
  (( EUID == 0 )) || return 0
  id -u "$RUN_AS" >/dev/null 2>&1 ||
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RUN_AS"
  chown -R "$RUN_AS:" "$@"
  RUN=(setpriv --reuid="$RUN_AS" --regid="$RUN_AS" --init-groups --)
  "${RUN[@]}" test -r "$DIST/bin/opensearch" ||
    die "user $RUN_AS cannot read $DIST (a parent directory is not world-searchable?)"
}

# The pid file may be stale (killed node, reused pid): trust it only if it is OpenSearch.
is_opensearch_pid() {
  [[ -n ${1:-} ]] && tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q org.opensearch.bootstrap.OpenSearch
}
