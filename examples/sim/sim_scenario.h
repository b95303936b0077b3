/* The simulator's scenario language: one command per line, optionally
   timed with "at <ms>"; '#' starts a comment.

     at <ms> <command>          advance the virtual clock to <ms>, then run <command>
     run <ms>                   advance the clock by <ms>
     say <text>                 a heading in the timeline
     link up|down <link>        the network link (the mobile node is not told)
     mn iface up|down <link>    tell the mobile node its interface on <link> is up / down
     mn policy figure2|none     the mobile node's flow policy (RFC 7629 Figure 2)
     mn go-home                 the mobile node deregisters everything
     ha restart                 export the home agent's state, wipe it, import into a new one
     traffic <flow>             classify one packet each way and print it
     show bindings              print the home agent's binding table
     expect <flow> [down|up] <link|drop|none|any>
                                HA downlink and (or only down / up) MN uplink decisions;
                                "any": forwarded over some link; a repeated packet of
                                the flow must get the same decision
     expect binding <link> present|absent [bid <n>]   at the home agent
     expect rules <n>           rules of the node's policy at the home agent
     expect mn-rules <n>        rules the mobile node's flow hook has installed
     expect mn <link> <state>   idle|registering|registered|refreshing|deregistering|failed
     expect reply <code> [fb <n>]   every reply the HA sent since the previous "expect reply"
                                    (at least one) had <code>; the last one carried <n>
                                    Flow-Binding extensions
     expect visitors <n>        visitor entries of the foreign agent

   Flows: sip, http, ssh, other. Links: wifi, lte, cdma. */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include "sim_world.h"

typedef struct sim_scenario_result {
  unsigned expectations; /* checked */
  unsigned failed;       /* of which did not hold */
  unsigned errors;       /* lines that could not be run (syntax, unknown names) */
} sim_scenario_result;

/* Run every line of `in` (named `path` in messages) against the world. */
void sim_scenario_run(sim_world *w, FILE *in, const char *path, sim_scenario_result *res);

#endif /* SIM_SCENARIO_H */
