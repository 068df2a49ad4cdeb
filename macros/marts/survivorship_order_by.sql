{% macro survivorship_order_by(strategy, source_priority, relation_alias) -%}
    {{ return(adapter.dispatch('survivorship_order_by')(strategy, source_priority, relation_alias)) }}
{%- endmacro %}

{% macro default__survivorship_order_by(strategy, source_priority, relation_alias) -%}
    {#- The `order by` list that ranks a customer's candidate values of one attribute, best
        first, for one survivorship strategy. The candidates (alias relation_alias) carry:
        source_name, record_id, attribute_value, observed_at, value_frequency (records of the
        customer holding the value), value_last_observed_at, value_length.
          source_priority  the best-ranked source in `source_priority` wins
          most_recent      the latest observation wins
          most_frequent    the value most records agree on wins (then its latest observation)
          most_complete    the longest value wins (the fullest address, the unabbreviated name)
        Ties fall back to source priority, then recency, then the value itself, so the
        winner never depends on row order. -#}
    {%- set known = ['source_priority', 'most_recent', 'most_frequent', 'most_complete'] -%}
    {%- if strategy not in known -%}
        {{ exceptions.raise_compiler_error(
            "Unknown survivorship strategy '" ~ strategy ~ "'; use one of " ~ known | join(', ')
        ) }}
    {%- endif -%}
    {%- set priority -%}
        case {{ relation_alias }}.source_name
            {%- for source_name in source_priority or [] %}
            when '{{ source_name }}' then {{ loop.index }}
            {%- endfor %}
            else {{ (source_priority or []) | length + 1 }}
        end
    {%- endset -%}
    {%- set recency = relation_alias ~ '.observed_at desc nulls last' -%}
    {%- set tie_breakers = [
        relation_alias ~ '.source_name',
        relation_alias ~ '.attribute_value',
        relation_alias ~ '.record_id'
    ] -%}
    {%- if strategy == 'source_priority' -%}
        {%- set terms = [priority, recency] -%}
    {%- elif strategy == 'most_recent' -%}
        {%- set terms = [recency, priority] -%}
    {%- elif strategy == 'most_frequent' -%}
        {%- set terms = [
            relation_alias ~ '.value_frequency desc',
            relation_alias ~ '.value_last_observed_at desc nulls last',
            priority, recency
        ] -%}
    {%- else -%}
        {%- set terms = [relation_alias ~ '.value_length desc', priority, recency] -%}
    {%- endif -%}
    {{ (terms + tie_breakers) | join(',\n            ') }}
{%- endmacro %}
