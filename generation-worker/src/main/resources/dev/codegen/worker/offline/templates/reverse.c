// {{banner}}
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Returns a new copy of text with its bytes in reverse order (so ASCII text reverses exactly),
// or NULL when out of memory. The caller frees it.
char *{{snake}}(const char *text) {
    size_t length = strlen(text);
    char *out = malloc(length + 1);
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < length; i++) {
        out[i] = text[length - 1 - i];
    }
    out[length] = '\0';
    return out;
}

int main(int argc, char *argv[]) {
    const char *text = argc > 1 ? argv[1] : "hello world";
    char *reversed = {{snake}}(text);
    if (reversed == NULL) {
        perror("malloc");
        return EXIT_FAILURE;
    }
    puts(reversed);
    free(reversed);
    return EXIT_SUCCESS;
}
