{% macro incremental_lookback_start(column_name, lookback_days=none) -%}
    {{ return(adapter.dispatch('incremental_lookback_start')(column_name, lookback_days)) }}
{%- endmacro %}

{% macro default__incremental_lookback_start(column_name, lookback_days) -%}
    {#- In an incremental run: a timestamp literal, the latest column_name the model holds
        minus lookback_days (default var cdp_incremental_lookback_days). It is read before
        the model's SQL runs because a literal lets the engine skip old data (DuckDB prunes
        row groups by it; a subquery would be evaluated against every row). None outside
        incremental runs, while parsing, and while the model is empty. -#}
    {%- if not (execute and is_incremental()) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set days = (lookback_days if lookback_days is not none
        else var('cdp_incremental_lookback_days', 7)) | int -%}
    {%- set latest_query -%}
        select {{ dbt.dateadd('day', -days, 'max(' ~ column_name ~ ')') }} from {{ this }}
    {%- endset -%}
    {%- set latest = run_query(latest_query).columns[0].values()[0] -%}
    {%- if latest is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return("cast('" ~ latest.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}
