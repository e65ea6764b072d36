/* The empty program: its run time is each emulator's start-up and exit cost, subtracted from
   the other workloads' times. */
#include "rt.h"

int main(void) {
  print_result("empty", rt_one);
  return 0;
}
