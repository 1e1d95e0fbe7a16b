#!/bin/sh
# Test child: answers every row with the names of the variables in its own environment (sorted, comma-separated)
# and the value of EXEC_TEST_GRANTED, as the columns "names" and "granted", echoing the row's "line" (the first
# member of every row the daemon sends). /proc/$$/environ is the environment the process was started with,
# before the shell adds anything.
while IFS= read -r row; do
    line=${row#\{\"line\":}
    line=${line%%,*}
    names=$(tr '\0' '\n' < /proc/$$/environ | cut -d= -f1 | sort | tr '\n' ',' | sed 's/,$//')
    printf '{"line":%s,"names":"%s","granted":"%s"}\n' "$line" "$names" "$EXEC_TEST_GRANTED"
done
