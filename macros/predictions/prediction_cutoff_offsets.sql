{% macro prediction_cutoff_offsets() -%}
    {{ return(adapter.dispatch('prediction_cutoff_offsets')()) }}
{%- endmacro %}

{% macro default__prediction_cutoff_offsets() -%}
    {#- Days before the as-of day of every cutoff the predictions use, sorted: 0 (scoring),
        each horizon h (validation scoring and final training) and 2h (validation
        training). -#}
    {%- set config = predictions_config() -%}
    {%- set offsets = [0] -%}
    {%- for key in ['churn_days', 'propensity_days', 'value_days'] -%}
        {%- set days = config[key] | int -%}
        {%- if days < 1 -%}
            {{ exceptions.raise_compiler_error("var cdp_predictions: " ~ key ~ " must be at least 1, got " ~ config[key]) }}
        {%- endif -%}
        {%- do offsets.extend([days, 2 * days]) -%}
    {%- endfor -%}
    {{ return(offsets | unique | sort) }}
{%- endmacro %}
