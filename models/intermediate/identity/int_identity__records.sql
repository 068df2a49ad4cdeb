{#- One row per identity record (source_name, record_id): when it was seen, and the profile
    attributes of its latest observation among the source relations that describe it
    (observations at one time: the first by attribute values, so every run picks the same).
    node_id numbers the records for the graph (not stable across runs; customer_id is). -#}

{%- set attribute_names = identity_attribute_names() %}
{%- set described_by = identity_sources() | selectattr('attributes') | list %}

with

observations as (

    select * from {{ ref('int_identity__observations') }}

),

attribute_observations as (

    {% for entry in described_by %}
        select
            '{{ entry["source_name"] }}' as source_name,
            cast({{ entry['record_id'] }} as {{ dbt.type_string() }}) as record_id,
            {%- for attribute in attribute_names %}
                {{ identity_attribute_value(attribute, entry['attributes'].get(attribute), entry) }}
                    as {{ attribute }},
            {%- endfor %}
            cast({{ entry['observed_at'] }} as timestamp) as observed_at
        from {{ entry['relation'] }}
        where {{ entry['row_filter'] }}
        {{ 'union all' if not loop.last }}
    {% endfor %}
    {%- if not described_by %}
    select
        cast(null as {{ dbt.type_string() }}) as source_name,
        cast(null as {{ dbt.type_string() }}) as record_id,
        {%- for attribute in attribute_names %}
            {{ identity_attribute_value(attribute, none, {}) }} as {{ attribute }},
        {%- endfor %}
        cast(null as timestamp) as observed_at
    where 1 = 0
    {%- endif %}

),

latest_attributes as (

    select *
    from (
        select
            attribute_observations.*,
            row_number() over (
                partition by attribute_observations.source_name, attribute_observations.record_id
                order by
                    attribute_observations.observed_at desc nulls last,
                    -- observations at one time (one import, a clamped clock): the first
                    -- by attribute values, present before missing, in every run
                    {%- for attribute in attribute_names %}
                        attribute_observations.{{ attribute }} nulls last
                        {%- if not loop.last %},{% endif %}
                    {%- endfor %}
            ) as recency_rank
        from attribute_observations
    ) as ranked
    where recency_rank = 1

),

record_keys as (

    select
        source_name,
        record_id,
        min(first_observed_at) as first_seen_at,
        max(last_observed_at) as last_seen_at
    from observations
    group by source_name, record_id

    union all

    select
        source_name,
        record_id,
        min(observed_at) as first_seen_at,
        max(observed_at) as last_seen_at
    from attribute_observations
    where record_id <> ''
    group by source_name, record_id

),

seen as (

    select
        source_name,
        record_id,
        min(first_seen_at) as first_seen_at,
        max(last_seen_at) as last_seen_at
    from record_keys
    group by source_name, record_id

),

final as (

    select
        row_number() over (order by seen.source_name, seen.record_id) as node_id,
        seen.source_name,
        seen.record_id,
        {%- for attribute in attribute_names %}
            latest_attributes.{{ attribute }},
        {%- endfor %}
        coalesce(latest_attributes.observed_at, seen.last_seen_at) as observed_at,
        seen.first_seen_at,
        seen.last_seen_at
    from seen
    left outer join latest_attributes
        on
            seen.source_name = latest_attributes.source_name
            and seen.record_id = latest_attributes.record_id

)

select * from final
