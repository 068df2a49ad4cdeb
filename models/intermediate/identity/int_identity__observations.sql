{#- One row per identity record, identifier type and value observed on it: every enabled
    identity source (vars cdp_identity_sources and cdp_custom_identity_sources). Each source
    relation is read once (its identifier columns normalized side by side), then unpivoted
    to one row per identifier. -#}

{%- set sources = identity_sources() | selectattr('identifiers') | list %}

with

{% for entry in sources %}
source_{{ loop.index }} as (

    -- {{ entry['source_name'] }} from {{ entry['relation'] }}
    select
        cast({{ entry['record_id'] }} as {{ dbt.type_string() }}) as record_id,
        cast({{ entry['observed_at'] }} as timestamp) as observed_at,
        {%- for identifier in entry['identifiers'] %}
            {{ identity_identifier_value(identifier['identifier_type'], identifier['column'], entry) }}
                as identifier_{{ loop.index }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ entry['relation'] }}
    where {{ entry['row_filter'] }}

),

{% endfor %}
observed as (

    {%- for entry in sources %}
        {%- set source_cte = 'source_' ~ loop.index %}
        {%- set last_source = loop.last %}
        {%- for identifier in entry['identifiers'] %}
            {%- set value = source_cte ~ '.identifier_' ~ loop.index %}
    select
        '{{ entry["source_name"] }}' as source_name,
        {{ source_cte }}.record_id,
        '{{ identifier["identifier_type"] }}' as identifier_type,
        {{ value }} as identifier_value,
        {{ identity_match_key(identifier['identifier_type'], value) }} as match_key,
        {{ source_cte }}.observed_at,
        {{ 'true' if identifier['column'] == entry['record_id'] else 'false' }} as is_record_key
    from {{ source_cte }}
    where {{ value }} is not null
    {{ 'union all' if not (loop.last and last_source) }}
        {%- endfor %}
    {%- endfor %}
    {%- if not sources %}
    select
        cast(null as {{ dbt.type_string() }}) as source_name,
        cast(null as {{ dbt.type_string() }}) as record_id,
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_value,
        cast(null as {{ dbt.type_string() }}) as match_key,
        cast(null as timestamp) as observed_at,
        false as is_record_key
    where 1 = 0
    {%- endif %}

),

final as (

    select
        source_name,
        record_id,
        identifier_type,
        identifier_value,
        match_key,
        bool_or(is_record_key) as is_record_key,
        min(observed_at) as first_observed_at,
        max(observed_at) as last_observed_at,
        count(*) as observation_count
    from observed
    where record_id <> ''
    group by
        source_name,
        record_id,
        identifier_type,
        identifier_value,
        match_key

)

select * from final
