#!/bin/sh
# The library never allocates and does no I/O (style B7, B14): fail if the
# static library needs an allocator, stdio, clocks, sockets, randomness or
# other OS services. memcpy/memset/memcmp/memmove (and compiler/sanitizer
# runtime symbols) are fine. LIBMIPFB_A comes from TESTS_ENVIRONMENT.
set -eu

: "${NM:=nm}"
lib=${LIBMIPFB_A:-${top_builddir:-.}/lib/.libs/libmipfb.a}
if [ ! -f "$lib" ]; then
  echo "noalloc: $lib not found (built with --disable-static?): skipped"
  exit 77
fi

undef=$("$NM" -u "$lib" | awk 'NF >= 2 && $1 == "U" { print $2 } NF == 1 && $1 !~ /:$/ { print $1 }' | sort -u)
defined=$("$NM" -g --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | sort -u)
# Symbols the archive needs from outside itself.
external=$(printf '%s\n' "$undef" | grep -v -x -F "$(printf '%s\n' "$defined" | sed '/^$/d')" | sed '/^$/d' || true)
[ -n "$defined" ] || external=$undef

# Names that must not appear: allocation; stdio and file I/O (plus the
# _FORTIFY_SOURCE __*_chk variants); clocks and sleeping; sockets; random
# numbers; environment, errno, process exit and assert (which prints).
deny='^(malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|memalign|valloc|pvalloc|strdup|strndup'
deny="$deny"'|_*(v?[dfs]?n?printf|v?as?printf)(_chk)?|puts|fputs|putchar|putc|fputc|_IO_putc|fwrite|fread|fgets|fgetc|getc|getchar|scanf|fscanf|sscanf'
deny="$deny"'|fopen(64)?|fdopen|freopen(64)?|fclose|fflush|fseek|ftell|rewind|setvbuf|perror|stdin|stdout|stderr'
deny="$deny"'|open(64)?|openat|creat|read|write|close|lseek|ioctl|fcntl|mmap(64)?|munmap|syscall'
deny="$deny"'|time|clock_gettime|clock_getres|gettimeofday|clock|times|ftime|localtime(_r)?|gmtime(_r)?|mktime|strftime|sleep|usleep|nanosleep|alarm'
deny="$deny"'|socket|socketpair|bind|connect|listen|accept4?|send|sendto|sendmsg|recv|recvfrom|recvmsg|setsockopt|getsockopt|shutdown|poll|select|epoll_.*|getaddrinfo|gethostbyname'
deny="$deny"'|rand|srand|rand_r|random|srandom|drand48|lrand48|getrandom|getentropy|arc4random.*'
deny="$deny"'|getenv|secure_getenv|setenv|__errno_location|errno|exit|_exit|_Exit|abort|atexit|signal|raise|__assert_fail|__assert_perror_fail|syslog|strerror)$'

echo "noalloc: $lib"
echo "noalloc: external symbols:" $external
bad=$("$NM" -u "$lib" | awk -v pat="$deny" '
  /:$/ { m = substr($0, 1, length($0) - 1); next }
  $1 == "U" && $2 ~ pat { print "  " $2 " (in " m ")" }')
if [ -n "$bad" ]; then
  echo "noalloc: FAIL: the library uses allocation or OS/libc I/O:"
  printf '%s\n' "$bad"
  exit 1
fi
echo "noalloc: ok (no allocator, stdio, clock, socket or random symbols)"
