{% macro without_jit() -%}
    {{ return(adapter.dispatch('without_jit')()) }}
{%- endmacro %}

{% macro default__without_jit() -%}
    {#- Engines without a query JIT need nothing (an empty hook). -#}
{%- endmacro %}

{% macro postgres__without_jit() -%}
    {#- PostgreSQL's cost estimate of a long generated query (the expectation-maximisation
        rounds of int_identity__fs_parameters) triggers LLVM compilation with inlining and
        optimisation of hundreds of functions: minutes, uninterruptible, a gigabyte of
        memory, for a query that runs in seconds interpreted. Off for this transaction only
        (a model's pre-hook runs in the transaction that builds it). -#}
    set local jit = off
{%- endmacro %}
