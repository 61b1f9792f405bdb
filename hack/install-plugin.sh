#!/usr/bin/env bash
# Installs the kubectl plugin from the build: `make install-plugin [PREFIX=~/.local]`.
#   $PREFIX/bin/kubectl-launchplan                          the launcher (kubectl finds it on the PATH)
#   $PREFIX/lib/kubectl-launchplan/kubectl-launchplan.jar   the plugin
#   $PREFIX/lib/kubectl-launchplan/kubectl-launchplan.jsa   its class-data archive, made here by one
#                                                           warm-up run (faster starts; optional)
# `hack/install-plugin.sh archive` instead packs target/krew/kubectl-launchplan.tar.gz for Krew
# (hack/krew-manifest.sh writes its manifest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/plugin/target/kubectl-launchplan.jar
launcher=$root/plugin/src/main/sh/kubectl-launchplan
if [[ ! -f $jar ]]; then
  echo "error: $jar is missing: run 'mvn -B -pl plugin -am package -DskipTests' first (make install-plugin does)" >&2
  exit 1
fi

if [[ ${1:-} == archive ]]; then
  out=$root/target/krew
  rm -rf "$out" && mkdir -p "$out/pkg"
  cp "$launcher" "$jar" "$out/pkg/"
  chmod 755 "$out/pkg/kubectl-launchplan"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$out/pkg" -czf "$out/kubectl-launchplan.tar.gz" .
  sum=$(sha256sum "$out/kubectl-launchplan.tar.gz" | cut -d' ' -f1)
  echo "$out/kubectl-launchplan.tar.gz sha256 $sum (its Krew manifest: make krew-manifest RELEASE_URL=...)"
  exit 0
fi

prefix=${PREFIX:-$HOME/.local}
lib=$prefix/lib/kubectl-launchplan
mkdir -p "$prefix/bin" "$lib"
install -m 644 "$jar" "$lib/kubectl-launchplan.jar"
install -m 755 "$launcher" "$prefix/bin/kubectl-launchplan"
rm -f "$lib/kubectl-launchplan.jsa"
java=${JAVA_HOME:+$JAVA_HOME/bin/java}
java=${java:-java}
# The archive is made from this JVM and this jar; the launcher uses it only when both still match.
# A static archive (-Xshare:dump from the list of classes one warm-up run loaded), not a dynamic one
# (-XX:ArchiveClassesAtExit): Java 17 leaves classes of class-file versions before Java 6 out of a
# dynamic archive, and picocli's 180 classes are Java 5 class files, so they were loaded and verified
# from the jar at every start.
classes=$lib/kubectl-launchplan.classlist
if "$java" -XX:DumpLoadedClassList="$classes" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
     -Dslf4j.internal.verbosity=ERROR -jar "$lib/kubectl-launchplan.jar" --request-timeout 5s __warm-up >/dev/null 2>&1 \
   && "$java" -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$lib/kubectl-launchplan.jsa" \
     -cp "$lib/kubectl-launchplan.jar" >/dev/null 2>&1; then
  echo "class-data archive: $lib/kubectl-launchplan.jsa"
else
  rm -f "$lib/kubectl-launchplan.jsa"
  echo "warning: no class-data archive made (starts are slower, nothing else changes)" >&2
fi
rm -f "$classes"
echo "installed $prefix/bin/kubectl-launchplan"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it, e.g. export PATH=\"$prefix/bin:\$PATH\"" ;;
esac
