{% macro identity_observations_materialization() -%}
    {{ return(adapter.dispatch('identity_observations_materialization')()) }}
{%- endmacro %}

{% macro default__identity_observations_materialization() -%}
    {#- int_identity__observations recomputes only the records touched since the last run. -#}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__identity_observations_materialization() -%}
    {#- Spark inlines the model's set of touched records into each of the source reads that
        filter by it (a dozen), and runs the incremental form for minutes where the full
        build takes seconds at test sizes: it rebuilds the table. -#}
    {{ return('table') }}
{%- endmacro %}
