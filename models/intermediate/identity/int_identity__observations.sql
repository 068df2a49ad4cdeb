{{
    config(
        materialized=identity_observations_materialization(),
        incremental_strategy='delete+insert',
        unique_key=['source_name', 'record_id'],
        on_schema_change='append_new_columns',
        post_hook=[
            "{{ delete_where(this, 'identifier_type is null') if is_incremental() }}",
            "{{ delete_gone_keys('record_id', identity_source_record_keys(), 'source_name') }}"
        ]
    )
}}
{#- One row per identity record, identifier type and value observed on it: every enabled
    identity source (vars cdp_identity_sources and cdp_custom_identity_sources). Each source
    relation is read once (its identifier columns normalized side by side) and grouped by
    record and combination of identifiers, then unpivoted to one row per identifier. The
    match key is computed after the grouping, once per observation rather than once per
    source row (an email's canonical form is costly).

    Incremental by record (delete+insert on source_name + record_id): a run recomputes, from
    all their rows, the observations of the records touched since the last run, those with
    a row loaded at or after the latest loaded_at held for their source_name (minus
    cdp_incremental_lookback_days where loaded_at is a receipt time that can land late).
    A source_name with a relation that has no loaded_at column, or none held yet, is
    recomputed whole. A touched record left with no observation (its rows now filtered out)
    gets a placeholder row with no identifier, which deletes its old rows and is itself
    removed by the post-hook. The records no longer in their source relation (raw rows
    deleted outright) are deleted by the second post-hook. -#}

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
{#- incremental runs: per source_name, the latest loaded_at held, or none to recompute it whole #}
{%- set since = {} %}
{%- if execute and is_incremental() %}
    {%- set held_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list %}
    {%- if 'loaded_at' in held_columns %}
        {%- set latest_query -%}
            select source_name, max(loaded_at) as loaded_at from {{ this }} group by source_name
        {%- endset %}
        {%- set latest = {} %}
        {%- for row in run_query(latest_query) %}
            {%- do latest.update({row[0]: row[1]}) %}
        {%- endfor %}
        {%- for source_name in sources | map(attribute='source_name') | unique %}
            {%- set entries = sources | selectattr('source_name', 'equalto', source_name) | list %}
            {%- if latest.get(source_name) is not none and entries | rejectattr('loaded_at') | list | length == 0 %}
                {%- set days = var('cdp_incremental_lookback_days', 7) | int
                    if entries | selectattr('late_arrivals') | list else 0 %}
                {%- set start = latest[source_name] - modules.datetime.timedelta(days=days) %}
                {%- do since.update({source_name:
                    "cast('" ~ start.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as " ~ dbt.type_timestamp() ~ ")"}) %}
            {%- endif %}
        {%- endfor %}
    {%- endif %}
{%- endif %}

with

{% if is_incremental() %}
    touched as (

        -- the records whose observations this run recomputes
        {%- for entry in sources %}
            select distinct
                '{{ entry["source_name"] }}' as source_name,
                cast({{ entry['record_id'] }} as {{ dbt.type_string() }}) as record_id
            from {{ entry['relation'] }}
            where
                {{ entry['record_id'] }} is not null
                {%- if entry['source_name'] in since %}
                    and (
                        {{ entry['loaded_at'] }} >= {{ since[entry['source_name']] }}
                        or {{ entry['loaded_at'] }} is null
                    )
                {%- endif %}
            union
        {%- endfor %}
        select held.source_name, held.record_id
        from {{ this }} as held
        where held.source_name not in (
            {%- for source_name in since %}'{{ source_name }}', {% endfor %}''
        )

    ),

{% endif %}

{% for entry in sources %}
    {#- its rows; in an incremental run, only those of the records touched #}
    {%- set rows_read = entry['row_filter'] %}
    {%- if is_incremental() %}
        {%- set rows_read = rows_read ~ ' and cast(' ~ entry['record_id'] ~ ' as ' ~ dbt.type_string()
            ~ ") in (select touched.record_id from touched where touched.source_name = '"
            ~ entry['source_name'] ~ "')" %}
    {%- endif %}
    source_{{ loop.index }} as (

        -- {{ entry['source_name'] }} from {{ entry['relation'] }}
        select
            {%- for identifier in entry['identifiers'] %}
                {%- set type_and_column = [identifier['identifier_type'], identifier['column']] %}
                {{ identity_identifier_value(type_and_column[0], type_and_column[1], entry) }}
                    as identifier_{{ loop.index }},
            {%- endfor %}
            cast({{ entry['record_id'] }} as {{ dbt.type_string() }}) as record_id,
            cast({{ entry['observed_at'] }} as timestamp) as observed_at,
            cast({{ entry['loaded_at'] or 'null' }} as timestamp) as loaded_at
        from {{ entry['relation'] }}
        where {{ rows_read }}

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
            max(loaded_at) as loaded_at,
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
            {{ unpivot['cte'] }}.loaded_at,
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
        cast(null as timestamp) as loaded_at,
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
        cast(sum(observation_count) as {{ dbt.type_bigint() }}) as observation_count,
        max(loaded_at) as loaded_at
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
        observation_count,
        loaded_at
    from grouped

)

select * from final
{%- if is_incremental() %}
union all
-- placeholders: touched records with no observation left (see the header)
select
    touched.source_name,
    touched.record_id,
    cast(null as {{ dbt.type_string() }}) as identifier_type,
    cast(null as {{ dbt.type_string() }}) as identifier_value,
    cast(null as {{ dbt.type_string() }}) as match_key,
    cast(null as boolean) as is_record_key,
    cast(null as timestamp) as first_observed_at,
    cast(null as timestamp) as last_observed_at,
    cast(null as {{ dbt.type_bigint() }}) as observation_count,
    cast(null as timestamp) as loaded_at
from touched
where not exists (
    select 1
    from final
    where final.source_name = touched.source_name and final.record_id = touched.record_id
)
{%- endif %}
