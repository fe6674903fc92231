// {{banner}}
// Requested: {{summary}}
#include <ctype.h>
#include <stdio.h>

// Offline stand-in: counts the whitespace-separated words of text.
int {{snake}}(const char *text) {
    int count = 0;
    int in_word = 0;
    for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++) {
        if (isspace(*p)) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            count++;
        }
    }
    return count;
}

int main(int argc, char *argv[]) {
    int total = argc > 1 ? 0 : {{snake}}("hello offline world");
    for (int i = 1; i < argc; i++) {
        total += {{snake}}(argv[i]);
    }
    printf("%d\n", total);
    return 0;
}
