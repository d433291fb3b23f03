#!/usr/bin/env bash
# Debian 13's HDF5 Java bindings, unmodified: ReadHyperslab.java run as a single-file program
# (java launches the source directly) against jarhdf5 and its JNI library; slf4j-nop silences
# jarhdf5's logging.
set -euo pipefail
jars=/usr/share/java/jarhdf5.jar:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-nop.jar
exec java -Djava.library.path=/usr/lib/x86_64-linux-gnu/jni -cp "$jars" "$H5SPARSE_CLIENTS_DIR/ReadHyperslab.java"
