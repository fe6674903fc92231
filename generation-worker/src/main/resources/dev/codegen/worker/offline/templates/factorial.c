// {{banner}}
#include <stdio.h>
#include <stdlib.h>

// Returns n! for 0 <= n <= 20 (the largest that fits in an unsigned 64-bit integer).
unsigned long long {{snake}}(unsigned int n) {
    unsigned long long result = 1;
    for (unsigned int i = 2; i <= n; i++) {
        result *= i;
    }
    return result;
}

int main(int argc, char *argv[]) {
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10;
    if (n > 20) {
        fprintf(stderr, "n must be between 0 and 20\n");
        return EXIT_FAILURE;
    }
    printf("%lu! = %llu\n", n, {{snake}}((unsigned int) n));
    return EXIT_SUCCESS;
}
