{% macro predictions_config() -%}
    {{ return(adapter.dispatch('predictions_config')()) }}
{%- endmacro %}

{% macro default__predictions_config() -%}
    {#- var cdp_predictions over its defaults (nested maps merged key by key). -#}
    {%- set defaults = {
        'as_of_date': none,
        'churn_days': 90,
        'propensity_days': 30,
        'value_days': 365,
        'recommendations': {'k': 5, 'recently_bought_days': 90, 'history_days': 365, 'neighbours': 20},
        'next_best_action': {
            'win_back_churn': 0.7,
            'loyalty_value_top_percent': 20,
            'loyalty_churn_below': 0.3,
            'cross_sell_propensity': 0.25
        }
    } -%}
    {%- set given = var('cdp_predictions', {}) or {} -%}
    {%- set config = {} -%}
    {%- for key, default in defaults.items() -%}
        {%- set value = given.get(key) -%}
        {%- if default is mapping -%}
            {%- set merged = {} -%}
            {%- do merged.update(default) -%}
            {%- do merged.update(value or {}) -%}
            {%- do config.update({key: merged}) -%}
        {%- else -%}
            {%- do config.update({key: default if value is none else value}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for key in given if key not in defaults -%}
        {{ exceptions.raise_compiler_error("var cdp_predictions: unknown key '" ~ key ~ "' (known: " ~ defaults.keys() | join(', ') ~ ")") }}
    {%- endfor -%}
    {{ return(config) }}
{%- endmacro %}
