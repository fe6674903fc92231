#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    char name[32];
    char command[128];
    if (argc < 2) {
        return 1;
    }
    strcpy(name, argv[1]);
    sprintf(command, "grep %s /etc/passwd", name);
    system(command);
    gets(name);
    return 0;
}
