{#- One row per identity record, identifier type and value observed on it: every enabled
    identity source (vars cdp_identity_sources and cdp_custom_identity_sources). Each source
    relation is read once (its identifier columns normalized side by side) and grouped by
    record and combination of identifiers, then unpivoted to one row per identifier. The
    match key is computed after the grouping, once per observation rather than once per
    source row (an email's canonical form is costly). -#}

{%- set sources = identity_sources() | selectattr('identifiers') | list %}
{%- set unpivots = [] %}
{%- for entry in sources %}
    {%- set source_cte = 'source_' ~ loop.index ~ '_grouped' %}
    {%- for identifier in entry['identifiers'] %}
        {%- do unpivots.append({
            'source_name': entry['source_name'],
            'cte': source_cte,
            'identifier_type': identifier['identifier_type'],
            'value': source_cte ~ '.identifier_' ~ loop.index,
            'is_record_key': identifier['column'] == entry['record_id'],
        }) %}
    {%- endfor %}
{%- endfor %}
{#- the types whose match key is not the value itself (email: its canonical mailbox) #}
{%- set keyed_types = [] %}
{%- for type_name in unpivots | map(attribute='identifier_type') | unique | sort %}
    {%- if identity_match_key(type_name, 'identifier_value') | trim != 'identifier_value' %}
        {%- do keyed_types.append(type_name) %}
    {%- endif %}
{%- endfor %}

with

{% for entry in sources %}
    source_{{ loop.index }} as (

        -- {{ entry['source_name'] }} from {{ entry['relation'] }}
        select
            {%- for identifier in entry['identifiers'] %}
                {%- set type_and_column = [identifier['identifier_type'], identifier['column']] %}
                {{ identity_identifier_value(type_and_column[0], type_and_column[1], entry) }}
                    as identifier_{{ loop.index }},
            {%- endfor %}
            cast({{ entry['record_id'] }} as {{ dbt.type_string() }}) as record_id,
            cast({{ entry['observed_at'] }} as timestamp) as observed_at
        from {{ entry['relation'] }}
        where {{ entry['row_filter'] }}

    ),

    source_{{ loop.index }}_grouped as (

        -- one row per record and combination of its identifiers before the unpivot: a
        -- device's thousands of page views carry the same few ids
        select
            {%- for identifier in entry['identifiers'] %}
                identifier_{{ loop.index }},
            {%- endfor %}
            record_id,
            min(observed_at) as first_observed_at,
            max(observed_at) as last_observed_at,
            count(*) as observation_count
        from source_{{ loop.index }}
        group by
            {%- for identifier in entry['identifiers'] %}
                identifier_{{ loop.index }},
            {%- endfor %}
            record_id

    ),

{% endfor %}
observed as (

    {% for unpivot in unpivots %}
        select
            '{{ unpivot["source_name"] }}' as source_name,
            {{ unpivot['cte'] }}.record_id,
            '{{ unpivot["identifier_type"] }}' as identifier_type,
            {{ unpivot['value'] }} as identifier_value,
            {{ unpivot['cte'] }}.first_observed_at,
            {{ unpivot['cte'] }}.last_observed_at,
            {{ unpivot['cte'] }}.observation_count,
            {{ 'true' if unpivot['is_record_key'] else 'false' }} as is_record_key
        from {{ unpivot['cte'] }}
        where {{ unpivot['value'] }} is not null
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not unpivots %}
    select
        cast(null as {{ dbt.type_string() }}) as source_name,
        cast(null as {{ dbt.type_string() }}) as record_id,
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_value,
        cast(null as timestamp) as first_observed_at,
        cast(null as timestamp) as last_observed_at,
        cast(0 as {{ dbt.type_bigint() }}) as observation_count,
        false as is_record_key
    where 1 = 0
    {%- endif %}

),

grouped as (

    select
        source_name,
        record_id,
        identifier_type,
        identifier_value,
        bool_or(is_record_key) as is_record_key,
        min(first_observed_at) as first_observed_at,
        max(last_observed_at) as last_observed_at,
        cast(sum(observation_count) as {{ dbt.type_bigint() }}) as observation_count
    from observed
    where record_id <> ''
    group by
        source_name,
        record_id,
        identifier_type,
        identifier_value

),

final as (

    select
        source_name,
        record_id,
        identifier_type,
        identifier_value,
        {%- if keyed_types %}
            case
                {%- for type_name in keyed_types %}
                    when identifier_type = '{{ type_name }}'
                        then {{ identity_match_key(type_name, 'identifier_value') }}
                {%- endfor %}
                else identifier_value
            end
        {%- else %}
            identifier_value
        {%- endif %} as match_key,
        is_record_key,
        first_observed_at,
        last_observed_at,
        observation_count
    from grouped

)

select * from final
