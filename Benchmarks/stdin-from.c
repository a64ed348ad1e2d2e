/*
 * stdin-from FILE PROGRAM [ARGS...]: runs PROGRAM with FILE as its standard
 * input. hyperfine before 1.16 has no --input option, and a shell wrapper
 * would add a shell's startup to every measured run; this one only opens a
 * file and replaces itself with PROGRAM.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fputs("usage: stdin-from FILE PROGRAM [ARGS...]\n", stderr);
        return 2;
    }
    int descriptor = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (descriptor < 0 || dup2(descriptor, STDIN_FILENO) < 0) {
        perror(argv[1]);
        return 1;
    }
    execv(argv[2], argv + 2);
    perror(argv[2]);
    return 127;
}
