#include <stdio.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fputs("usage: greet NAME\n", stderr);
        return 1;
    }
    printf("hello, %s\n", argv[1]);
    return 0;
}
